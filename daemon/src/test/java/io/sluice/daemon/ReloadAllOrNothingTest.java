package io.sluice.daemon;

import io.sluice.core.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reload that validates but fails while being applied (a new input's port is taken) changes
 * nothing: the old routes and outputs keep delivering, the failure is logged, counted and shown
 * as Degraded by /health, and the next reload, once the port is free, applies the whole change.
 */
class ReloadAllOrNothingTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aReloadThatFailsToBindChangesNothingAndTheNextOneWorks() throws Exception {
        int[] ports = FreePorts.distinct(2);
        int adminPort = ports[0];
        int appPort = ports[1];
        Path a = dir.resolve("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        Path file = dir.resolve("pipeline.yaml");
        String common = """
                data_dir: %s
                admin: {listen: "127.0.0.1:%d"}
                """.formatted(dir.resolve("data"), adminPort);
        Files.writeString(file, common + """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d"}
                routes:
                  - {name: main, to: [a]}
                outputs:
                  a: {type: file, path: "%s"}
                """.formatted(appPort, a));
        try (DaemonProcess daemon = DaemonProcess.running(dir, file);
             ServerSocket squatter = new ServerSocket()) {
            send(appPort, "before");
            await().atMost(Duration.ofSeconds(20)).until(() -> RunningDaemon.lines(a).size() == 1);

            int extraPort = FreePorts.one();
            squatter.bind(new InetSocketAddress("127.0.0.1", extraPort));
            Files.writeString(file, common + """
                    inputs:
                      app: {type: tcp, listen: "127.0.0.1:%d"}
                      extra: {type: tcp, listen: "127.0.0.1:%d"}
                    routes:
                      - {name: main, to: [b]}
                    outputs:
                      b: {type: file, path: "%s"}
                    """.formatted(appPort, extraPort, b));
            hangup(daemon);
            daemon.awaitStderr("reload failed", 20_000);
            assertThat(daemon.stderr.toString()).doesNotContain("NullPointerException");

            send(appPort, "after-failed-reload");
            await().atMost(Duration.ofSeconds(20)).until(() -> RunningDaemon.lines(a).size() == 2);
            assertThat(RunningDaemon.lines(a).get(1)).as("the old route still delivers").contains("after-failed-reload");
            assertThat(RunningDaemon.lines(b)).as("the new output never took over").isEmpty();
            assertThat(get(adminPort, "/health")).contains("\"config.reload\"").contains("Degraded");
            assertThat(get(adminPort, "/metrics")).contains("sluice_config_reloads_total{result=\"failure\"} 1.0");

            squatter.close();
            hangup(daemon);
            daemon.awaitStderr("reloaded ", 20_000);
            send(appPort, "after-good-reload");
            send(extraPort, "from-extra");
            await().atMost(Duration.ofSeconds(20)).until(() -> RunningDaemon.lines(b).size() == 2);
            assertThat(String.join("\n", RunningDaemon.lines(b))).contains("after-good-reload").contains("from-extra");
            assertThat(get(adminPort, "/metrics")).contains("sluice_config_reloads_total{result=\"success\"} 1.0");
            assertThat(get(adminPort, "/health")).doesNotContain("the last reload failed");
            assertThat(daemon.terminate(30_000)).isZero();
        }
    }

    private static void hangup(DaemonProcess daemon) throws Exception {
        new ProcessBuilder("kill", "-HUP", Long.toString(daemon.process.pid())).start().waitFor();
    }

    private static void send(int port, String msg) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("{\"msg\":\"" + msg + "\"}\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private String get(int adminPort, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
