package io.sluice.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

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
        Path config = dir.resolve("pipeline.yaml");
        // rotation off: 300,000 events (and their repeats) are over 100 MiB, the file sink's default
        // rotation size, and the counts below read only out.ndjson, not out.ndjson.1
        Files.writeString(config, """
                data_dir: %s
                admin: {enabled: false}
                pipeline: {in_flight_bytes: 2MiB}
                inputs:
                  app: {type: container, paths: ["%s/*.log"], format: text, read_from: beginning}
                outputs:
                  archive:
                    type: file
                    path: "%s"
                    rotate: {max_bytes: 0}
                    buffer: {type: disk, max_bytes: 64MiB, fsync: interval}
                """.formatted(dir.resolve("data"), logs, out));
        long[] killAt = {LINES / 5, LINES * 2 / 5, LINES * 3 / 5};
        for (long threshold : killAt) {
            try (DaemonProcess p = DaemonProcess.start(dir, "run", "-c", config.toString())) {
                p.awaitStderr("pipeline started", 60_000);
                long deadline = System.currentTimeMillis() + 120_000;
                while (lines(out) < threshold && System.currentTimeMillis() < deadline && p.process.isAlive()) Thread.sleep(20);
                assertThat(p.process.isAlive()).as(p.stderr.toString()).isTrue();
                new ProcessBuilder("kill", "-KILL", Long.toString(p.process.pid())).start().waitFor();
                p.process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (DaemonProcess p = DaemonProcess.start(dir, "run", "-c", config.toString())) {
            p.awaitStderr("pipeline started", 60_000);
            long deadline = System.currentTimeMillis() + 180_000;
            while (distinct(out).cardinality() < LINES && System.currentTimeMillis() < deadline) Thread.sleep(200);
            assertThat(p.terminate(30_000)).isZero();
        }
        BitSet seen = distinct(out);
        assertThat(seen.cardinality()).as("every line at least once").isEqualTo(LINES);
        long duplicates = lines(out) - LINES;
        System.out.println("duplicates after three kill -9: " + duplicates);
        assertThat(duplicates).as("repeats are bounded by what was unacknowledged, not a re-read from the start")
                .isLessThan(LINES);
    }

    private static long lines(Path p) {
        if (!Files.exists(p)) return 0;
        try (var s = Files.lines(p)) {
            return s.count();
        } catch (Exception e) {
            return 0;
        }
    }

    private static BitSet distinct(Path p) throws Exception {
        BitSet seen = new BitSet(LINES);
        if (!Files.exists(p)) return seen;
        try (var s = Files.lines(p)) {
            s.forEach(l -> {
                int i = l.indexOf("\"message\":\"line ");
                if (i < 0) return;
                int start = i + "\"message\":\"line ".length();
                int end = l.indexOf(' ', start);
                seen.set(Integer.parseInt(l.substring(start, end)));
            });
        }
        return seen;
    }
}
