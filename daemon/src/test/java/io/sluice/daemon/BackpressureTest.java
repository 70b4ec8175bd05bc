package io.sluice.daemon;

import io.sluice.core.testkit.FreePorts;
import io.sluice.config.ConfigLoader;
import io.sluice.config.LoadedConfig;
import io.sluice.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stalled sink slows the TCP sender down; memory stays under the bound; nothing is lost. */
class BackpressureTest {
    private static final int LINES = 400_000;
    private static final long IN_FLIGHT = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aBlockedSinkSlowsTheSenderAndLosesNothing() throws Exception {
        int port = FreePorts.one();
        String yaml = """
                data_dir: %s
                admin: {enabled: false}
                pipeline: {in_flight_bytes: 1MiB}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d"}
                outputs:
                  held: {type: test_gate, buffer: {max_bytes: 256KiB}}
                """.formatted(dir.resolve("data"), port);
        LoadedConfig loaded = new ConfigLoader(PluginRegistry.load(), Map.of()).load(dir.resolve("p.yaml"), yaml);
        GateOutputPlugin.open = false;
        GateOutputPlugin.DELIVERED.set(0);
        GateOutputPlugin.SEEN.clear();
        Daemon daemon = new Daemon(loaded.config());
        daemon.start();
        AtomicLong written = new AtomicLong();
        Thread sender = new Thread(() -> {
            try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
                StringBuilder chunk = new StringBuilder();
                for (int n = 0; n < LINES; n++) {
                    chunk.append("{\"msg\":\"line-").append(n).append("\",\"pad\":\"").append("p".repeat(60)).append("\"}\n");
                    if (chunk.length() > 16 * 1024 || n == LINES - 1) {
                        byte[] b = chunk.toString().getBytes(StandardCharsets.UTF_8);
                        out.write(b);
                        written.addAndGet(b.length);
                        chunk.setLength(0);
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        try {
            sender.start();
            // the sender gets stuck: the pipeline stops reading once its bound is reached
            long total = (long) LINES * 90;
            // stuck: nothing more written over a whole second (however long a loaded machine takes to get there)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                long before = written.get();
                Thread.sleep(1000);
                return before > 0 && written.get() == before;
            });
            assertThat(written.get()).as("the sender is held back").isLessThan(total / 2);
            assertThat(sender.isAlive()).isTrue();
            assertThat(daemon.pipeline().inFlightBytes()).as("memory bound").isLessThan(IN_FLIGHT + 512 * 1024);
            GateOutputPlugin.open = true;
            sender.join(60_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> GateOutputPlugin.DELIVERED.get() == LINES);
            assertThat(GateOutputPlugin.SEEN).hasSize(LINES);
        } finally {
            GateOutputPlugin.open = true;
            daemon.stop();
        }
    }
}
