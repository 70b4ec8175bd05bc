package io.sluice.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import static io.sluice.daemon.FaultPipelines.lineCount;
import static io.sluice.daemon.FaultPipelines.numbers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Sluice process tails a file into a file sink with a disk buffer and is killed with
 * {@code kill -9} three times during the run; after the last restart every line has arrived at
 * least once, and the repeats stay below what was read but not yet acknowledged at each kill.
 */
class CrashRecoveryTest {
    private static final int LINES = 300_000;

    @TempDir
    Path dir;

    @Test
    void everyLineArrivesAfterThreeKillNine() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path source = logs.resolve("app.log");
        try (BufferedWriter w = Files.newBufferedWriter(source, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) w.write("line " + i + " of the crash test, padded to a realistic length of a log line\n");
        }
        Path out = dir.resolve("out.ndjson");
        // rotation off (300,000 events and their repeats are over 100 MiB, the file sink's default rotation size)
        Path config = FaultPipelines.tailIntoFileSink(dir, logs, out, "{type: disk, max_bytes: 64MiB, fsync: interval}");
        long[] killAt = {LINES / 5, LINES * 2 / 5, LINES * 3 / 5};
        for (long threshold : killAt) {
            try (DaemonProcess p = DaemonProcess.running(dir, config)) {
                long deadline = System.currentTimeMillis() + 120_000;
                while (lineCount(out) < threshold && System.currentTimeMillis() < deadline && p.process.isAlive()) Thread.sleep(20);
                assertThat(p.process.isAlive()).as(p.stderr.toString()).isTrue();
                p.killNine();
            }
        }
        try (DaemonProcess p = DaemonProcess.running(dir, config)) {
            long deadline = System.currentTimeMillis() + 180_000;
            while (numbers(out).cardinality() < LINES && System.currentTimeMillis() < deadline) Thread.sleep(200);
            assertThat(p.terminate(30_000)).isZero();
        }
        BitSet seen = numbers(out);
        assertThat(seen.cardinality()).as("every line at least once").isEqualTo(LINES);
        long duplicates = lineCount(out) - LINES;
        System.out.println("duplicates after three kill -9: " + duplicates);
        assertThat(duplicates).as("repeats are bounded by what was unacknowledged, not a re-read from the start")
                .isLessThan(LINES);
    }
}
