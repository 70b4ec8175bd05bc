package io.sluice.daemon;

import io.sluice.core.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while several TCP senders stream into a pushed-back pipeline: the daemon stops reading,
 * delivers everything it read, exits 0, and what its shutdown report says it read is in the file.
 */
class StopUnderLoadTest {
    private static final int SENDERS = 6;
    private static final Pattern READ = Pattern.compile("stopped: (\\d+) events read; every accepted event was delivered");

    @TempDir
    Path dir;

    @Test
    void sigtermMidStreamDeliversEveryEventReadAndExitsZero() throws Exception {
        int port = FreePorts.one();
        Path out = dir.resolve("out.ndjson");
        Path config = dir.resolve("pipeline.yaml");
        // a small in-flight budget keeps the connections paused and resumed all the time, so the stop
        // lands while releases are resuming reads. No rotation: on a loaded machine the senders get
        // far past 50,000 events before the stop (333,967 once, ~315 bytes a line), the file passed
        // the default 100 MiB and rotated, and out.ndjson alone held only the last 1,507 lines.
        Files.writeString(config, """
                data_dir: %s
                admin: {enabled: false}
                shutdown_timeout: 30s
                pipeline: {in_flight_bytes: 64KiB, batch_max_records: 64, workers: 2}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d", format: json}
                outputs:
                  archive: {type: file, path: "%s", rotate: {max_bytes: 0}}
                """.formatted(dir.resolve("data"), port, out));
        try (DaemonProcess daemon = DaemonProcess.running(dir, config)) {
            List<Thread> senders = new ArrayList<>();
            for (int c = 0; c < SENDERS; c++) {
                int conn = c;
                Thread t = new Thread(() -> stream(port, conn));
                t.setDaemon(true);
                senders.add(t);
                t.start();
            }
            awaitLines(out, 50_000, daemon);

            int status = daemon.terminate(60_000);
            String stderr = daemon.stderr.toString();
            assertThat(status).as(stderr).isZero();
            assertThat(stderr).doesNotContain("RejectedExecutionException");
            Matcher m = READ.matcher(stderr);
            assertThat(m.find()).as("the shutdown report; stderr:\n%s", stderr).isTrue();
            long read = Long.parseLong(m.group(1));
            assertThat(read).isGreaterThanOrEqualTo(50_000);
            assertThat(lines(out)).as("every event the daemon read is in the file; files: %s", filesIn(dir))
                    .isEqualTo(read);
        }
    }

    /** Writes lines until the daemon goes away. */
    private static void stream(int port, int conn) {
        try (Socket s = new Socket("127.0.0.1", port); OutputStream o = new BufferedOutputStream(s.getOutputStream(), 16384)) {
            for (long n = 0; ; n++) {
                o.write(("{\"msg\":\"event " + n + "\",\"conn\":" + conn + ",\"n\":" + n + "}\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException expected) {
            // the daemon closed the connection on stop
        }
    }

    private static void awaitLines(Path file, long atLeast, DaemonProcess daemon) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(file) || lines(file) < atLeast) {
            assertThat(System.currentTimeMillis()).as("lines arriving; stderr:\n%s", daemon.stderr).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName() + " (" + p.toFile().length() + " bytes)").sorted().toList();
        }
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        }
    }
}
