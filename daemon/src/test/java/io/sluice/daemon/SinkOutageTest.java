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
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sink's target is unreachable while events keep arriving (its directory is replaced by a plain
 * file, which even root cannot write into): with a disk buffer the events are taken and kept on
 * disk with memory under its bound; with a memory buffer the TCP sender is pushed back. Either way
 * every event arrives once the target is back.
 */
class SinkOutageTest {
    private static final int EVENTS = 200_000;
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void withADiskBufferEverythingIsTakenDuringTheOutageAndDeliveredAfter() throws Exception {
        run("{type: disk, max_bytes: 256MiB, fsync: interval}", true);
    }

    @Test
    void withAMemoryBufferTheSenderIsPushedBackAndNothingIsLost() throws Exception {
        run("{type: memory, max_bytes: 1MiB, when_full: block}", false);
    }

    private void run(String buffer, boolean disk) throws Exception {
        int port = FreePorts.one();
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        String yaml = """
                data_dir: %s
                admin: {enabled: false}
                pipeline: {in_flight_bytes: 2MiB}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d"}
                outputs:
                  archive:
                    type: file
                    path: "%s/out.ndjson"
                    buffer: %s
                    retry: {initial_backoff: 50ms, max_backoff: 1s}
                """.formatted(dir.resolve("data"), port, target, buffer);
        Daemon daemon = new Daemon(new ConfigLoader(PluginRegistry.load(), Map.of()).load(dir.resolve("p.yaml"), yaml).config());
        daemon.start();
        try {
            // the target goes away
            Path aside = dir.resolve("target.away");
            Files.move(target, aside);
            Files.writeString(target, "not a directory");
            AtomicLong sent = new AtomicLong();
            Thread sender = new Thread(() -> {
                try (Socket s = new Socket("127.0.0.1", port); OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16)) {
                    for (int n = 0; n < EVENTS; n++) {
                        out.write(("{\"msg\":\"event " + n + "\",\"pad\":\"" + "x".repeat(40) + "\"}\n").getBytes(StandardCharsets.UTF_8));
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            sender.start();
            long peakInFlight = 0;
            long end = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < end) {
                peakInFlight = Math.max(peakInFlight, daemon.pipeline().inFlightBytes());
                Thread.sleep(20);
            }
            assertThat(peakInFlight).as("memory stays under the pipeline's bound").isLessThan(2 * 1024 * 1024 + 512 * 1024);
            if (disk) {
                // the target is still away: the sender ends only if the disk buffer takes everything; waited
                // for rather than required within the 15 s, which a loaded machine may need more than
                sender.join(60_000);
                assertThat(sender.isAlive()).as("the disk buffer took everything while the sink was down").isFalse();
            } else {
                assertThat(sent.get()).as("the sender is pushed back").isLessThan(EVENTS);
                assertThat(sender.isAlive()).isTrue();
            }
            // the target comes back
            Files.delete(target);
            Files.move(aside, target);
            sender.join(120_000);
            Path out = target.resolve("out.ndjson");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> distinct(out).cardinality() == EVENTS);
            try (var lines = Files.lines(out)) {
                assertThat(lines.count()).as("nothing twice").isEqualTo(EVENTS);
            }
        } finally {
            daemon.stop();
        }
    }

    private static BitSet distinct(Path p) throws Exception {
        BitSet seen = new BitSet(EVENTS);
        if (!Files.exists(p)) return seen;
        try (var s = Files.lines(p)) {
            s.forEach(l -> {
                int i = l.indexOf("\"message\":\"event ");
                if (i < 0) return;
                int start = i + "\"message\":\"event ".length();
                seen.set(Integer.parseInt(l.substring(start, l.indexOf('"', start))));
            });
        }
        return seen;
    }
}
