package io.sluice.daemon;

import io.sluice.core.testkit.FreePorts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack from the reliability issue, against a real daemon with a small heap: a few hundred
 * connections each send a megabyte without a newline and keep the connection open. Without one
 * account for what inputs hold, every connection keeps its megabyte and the daemon dies of
 * OutOfMemoryError; with {@code pipeline.held_bytes} the half-sent lines are cut at the account's
 * limit, the daemon lives, and another client's lines still arrive. About 40 s: in the fault suite;
 * {@code TcpHeldBytesTest} checks the same account fast, in process.
 */
@Tag("faults")
class HalfSentLinesTest {
    private static final int CONNECTIONS = 250;
    private static final int HALF_LINE = 1_000_000; // under max_line_bytes (1MiB): never cut by the line limit

    @TempDir
    Path dir;

    @Test
    void hundredsOfHalfSentMegabyteLinesDoNotExhaustASmallHeap() throws Exception {
        int[] ports = FreePorts.distinct(2);
        int port = ports[0];
        int admin = ports[1];
        Path out = dir.resolve("out.ndjson");
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, """
                data_dir: %s
                admin: {listen: "127.0.0.1:%d"}
                pipeline: {held_bytes: 8MiB}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d"}
                outputs:
                  archive: {type: file, path: "%s"}
                """.formatted(dir.resolve("data"), admin, port, out));
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Socket> open = new ArrayList<>();
        try (DaemonProcess daemon = DaemonProcess.withHeap(dir, "96m", "run", "-c", config.toString())) {
            daemon.awaitStderr("pipeline started", 120_000);
            byte[] half = new byte[HALF_LINE];
            Arrays.fill(half, (byte) 'x');
            List<Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                Socket s = new Socket("127.0.0.1", port);
                open.add(s);
                sent.add(senders.submit(() -> {
                    s.getOutputStream().write(half);
                    s.getOutputStream().flush();
                    return null;
                }));
            }
            for (Future<?> f : sent) f.get(120, TimeUnit.SECONDS);

            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream o = s.getOutputStream();
                o.write("still flowing\n".getBytes(StandardCharsets.UTF_8));
                o.flush();
                long deadline = System.currentTimeMillis() + 30_000;
                while (!contains(out, "still flowing")) {
                    assertThat(daemon.process.isAlive()).as("daemon alive; stderr:\n%s", daemon.stderr).isTrue();
                    assertThat(System.currentTimeMillis()).as("another client's line arrives; stderr:\n%s", daemon.stderr)
                            .isLessThan(deadline);
                    Thread.sleep(100);
                }
            }
            assertThat(daemon.process.isAlive()).as(daemon.stderr.toString()).isTrue();
            assertThat(daemon.stderr.toString()).doesNotContain("OutOfMemoryError");
            String metrics = get("http://127.0.0.1:" + admin + "/metrics");
            assertThat(gauge(metrics, "sluice_pipeline_held_bytes")).isLessThanOrEqualTo(8 * 1024 * 1024);
            assertThat(gauge(metrics, "sluice_pipeline_held_limit_bytes")).isEqualTo(8 * 1024 * 1024);
            assertThat(gauge(metrics, "sluice_pipeline_held_refused_total")).isPositive();
        } finally {
            for (Socket s : open) s.close();
            senders.shutdownNow();
        }
    }

    private static boolean contains(Path file, String text) throws IOException {
        return Files.exists(file) && Files.readString(file).contains(text);
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double gauge(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("%s in /metrics:\n%s", name, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
