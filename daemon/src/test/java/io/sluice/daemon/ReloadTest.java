package io.sluice.daemon;

import io.sluice.core.testkit.FreePorts;
import io.sluice.config.ConfigLoader;
import io.sluice.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hot reload: a route changes while events stream in; each event is delivered by the old or the new route, once. */
class ReloadTest {
    private static final int EVENTS = 100_000;

    @TempDir
    Path dir;

    private String config(int port, String routeTo) {
        return """
                data_dir: %s
                admin: {enabled: false}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d"}
                routes:
                  - name: main
                    to: [%s]
                outputs:
                  a: {type: file, path: "%s"}
                  b: {type: file, path: "%s"}
                """.formatted(dir.resolve("data"), port, routeTo, dir.resolve("a.ndjson"), dir.resolve("b.ndjson"));
    }

    @Test
    void aRouteChangedMidStreamLosesAndDuplicatesNothing() throws Exception {
        int port = FreePorts.one();
        ConfigLoader loader = new ConfigLoader(PluginRegistry.load(), Map.of());
        Daemon daemon = new Daemon(loader.load(dir.resolve("p.yaml"), config(port, "a")).config());
        daemon.start();
        try {
            java.util.concurrent.CountDownLatch reloaded = new java.util.concurrent.CountDownLatch(1);
            Thread sender = new Thread(() -> {
                try (Socket s = new Socket("127.0.0.1", port); OutputStream out = new BufferedOutputStream(s.getOutputStream())) {
                    for (int n = 0; n < EVENTS; n++) {
                        out.write(("{\"msg\":\"e" + n + "\"}\n").getBytes(StandardCharsets.UTF_8));
                        if (n % 1000 == 999) { // a steady stream, about 20,000 events/s, so the reload lands mid-stream
                            out.flush();
                            Thread.sleep(50);
                        }
                        // the stream goes on through the reload; past 80% it waits, so the new route surely gets some
                        if (n == EVENTS * 8 / 10) reloaded.await();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("a.ndjson")) && lines(dir.resolve("a.ndjson")) > 10_000);
            daemon.reload(loader.load(dir.resolve("p.yaml"), config(port, "b")).config());
            reloaded.countDown();
            sender.join(60_000);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    lines(dir.resolve("a.ndjson")) + (Files.exists(dir.resolve("b.ndjson")) ? lines(dir.resolve("b.ndjson")) : 0) >= EVENTS);
            Set<String> seen = new HashSet<>();
            int duplicates = 0;
            for (Path p : List.of(dir.resolve("a.ndjson"), dir.resolve("b.ndjson"))) {
                for (String line : Files.readAllLines(p)) {
                    String msg = line.substring(line.indexOf("\"message\":\"") + 11, line.indexOf("\"", line.indexOf("\"message\":\"") + 11));
                    if (!seen.add(msg)) duplicates++;
                }
            }
            assertThat(duplicates).isZero();
            assertThat(seen).hasSize(EVENTS);
            assertThat(lines(dir.resolve("b.ndjson"))).as("the new route took over").isPositive();
            assertThat(daemon.inputs()).containsKey("app");
        } finally {
            daemon.stop();
        }
    }

    @Test
    void anInputAddedByAReloadChargesHalfSentLinesToThePipelinesAccount() throws Exception {
        int[] ports = FreePorts.distinct(2);
        int port = ports[0];
        int added = ports[1];
        ConfigLoader loader = new ConfigLoader(PluginRegistry.load(), Map.of());
        Daemon daemon = new Daemon(loader.load(dir.resolve("p.yaml"), config(port, "a")).config());
        daemon.start();
        try {
            String more = config(port, "a").replace("inputs:\n", "inputs:\n  more: {type: tcp, listen: \"127.0.0.1:" + added + "\"}\n");
            daemon.reload(loader.load(dir.resolve("p.yaml"), more).config());
            try (Socket s = new Socket("127.0.0.1", added)) {
                s.getOutputStream().write("x".repeat(100_000).getBytes(StandardCharsets.US_ASCII)); // no newline
                s.getOutputStream().flush();
                // the carry is charged beyond its first small array, which every connection has anyway
                await().atMost(Duration.ofSeconds(10)).until(() -> held(daemon) > 90_000);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> held(daemon) == 0);
        } finally {
            daemon.stop();
        }
    }

    private static double held(Daemon daemon) {
        return daemon.meters().get("sluice.pipeline.held.bytes").gauge().value();
    }

    private static long lines(Path p) {
        try (var s = Files.lines(p)) {
            return s.count();
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void startedUnderNohupItSaysThatSighupWillNotReload() throws Exception {
        int port = FreePorts.one();
        Path file = DaemonProcess.tcpToStdoutConfig(dir, port, "");
        try (DaemonProcess daemon = DaemonProcess.runningUnderNohup(dir, file)) {
            assertThat(daemon.stderr.toString()).contains("SIGHUP was ignored by the process that started sluice")
                    .contains("--watch-config");
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("{\"msg\":\"runs anyway\"}\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(daemon.nextLine(10_000)).contains("runs anyway");
            assertThat(daemon.terminate(20_000)).isZero();
        }
    }

    @Test
    void anInvalidFileIsRefusedOnSighupAndTheOldPipelineKeepsRunning() throws Exception {
        int port = FreePorts.one();
        Path file = DaemonProcess.tcpToStdoutConfig(dir, port, "");
        try (DaemonProcess daemon = DaemonProcess.running(dir, file)) {
            Files.writeString(file, "inputs:\n  app: {type: tcp, listen: nowhere}\noutputs: {}\n");
            new ProcessBuilder("kill", "-HUP", Long.toString(daemon.process.pid())).start().waitFor();
            daemon.awaitStderr("reload refused", 10_000);
            assertThat(daemon.stderr.toString()).contains("inputs.app.listen");
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("{\"msg\":\"still here\"}\n".getBytes(StandardCharsets.UTF_8));
            }
            String line = daemon.nextLine(10_000);
            assertThat(line).contains("still here");
            assertThat(daemon.terminate(20_000)).isZero();
        }
    }

    @Test
    void aChangedOutputWithADiskBufferContinuesFromItsBuffer() throws Exception {
        int port = FreePorts.one();
        ConfigLoader loader = new ConfigLoader(PluginRegistry.load(), Map.of());
        String yaml = """
                data_dir: %s
                admin: {enabled: false}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d"}
                outputs:
                  out: {type: file, path: "%s", buffer: {type: disk, max_bytes: 64MiB}}
                """;
        Path first = dir.resolve("first.ndjson");
        Path second = dir.resolve("second.ndjson");
        Daemon daemon = new Daemon(loader.load(dir.resolve("p.yaml"), yaml.formatted(dir.resolve("data"), port, first)).config());
        daemon.start();
        int events = 50_000;
        try {
            java.util.concurrent.CountDownLatch reloaded = new java.util.concurrent.CountDownLatch(1);
            Thread sender = new Thread(() -> {
                try (Socket s = new Socket("127.0.0.1", port); OutputStream out = new BufferedOutputStream(s.getOutputStream())) {
                    for (int n = 0; n < events; n++) {
                        out.write(("{\"msg\":\"e" + n + "\"}\n").getBytes(StandardCharsets.UTF_8));
                        if (n % 1000 == 999) {
                            out.flush();
                            Thread.sleep(20);
                        }
                        if (n == events * 8 / 10) reloaded.await();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(first) > 5_000);
            // a changed option of the output (its path) with the same buffer: the disk buffer is handed over
            daemon.reload(loader.load(dir.resolve("p.yaml"), yaml.formatted(dir.resolve("data"), port, second)).config());
            reloaded.countDown();
            sender.join(60_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(first) + lines(second) >= events);
            Set<String> seen = new HashSet<>();
            for (Path p : List.of(first, second)) {
                if (!Files.exists(p)) continue;
                for (String line : Files.readAllLines(p)) {
                    String msg = line.substring(line.indexOf("\"message\":\"") + 11, line.indexOf("\"", line.indexOf("\"message\":\"") + 11));
                    assertThat(seen.add(msg)).as("delivered once: %s", msg).isTrue();
                }
            }
            assertThat(seen).hasSize(events);
            assertThat(lines(second)).as("the new output delivers after the reload").isPositive();
        } finally {
            daemon.stop();
        }
    }
}
