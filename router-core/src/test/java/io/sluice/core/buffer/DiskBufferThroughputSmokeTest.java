package io.sluice.core.buffer;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes batches of events through the buffer with one appender and one reader thread, as the sink runner
 * will, and prints the rate. No timing assertion: the numbers are for reading, the real benchmark is JMH.
 */
@Timeout(120)
class DiskBufferThroughputSmokeTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "fsync {0}")
    @CsvSource({"INTERVAL, 20000", "BATCH, 300"})
    void batchesOfEventsGoThroughInOrder(FsyncPolicy fsync, int records) throws Exception {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < 64; i++) events.add(Payloads.of(i, 200));
        EventSlices batch = EventSlices.of(events);
        DiskBufferSettings settings = DiskBufferSettings.builder().maxBytes(16L << 20).segmentBytes(4L << 20)
                .fsync(fsync).build();
        try (DiskBuffer buffer = DiskBuffer.open(dir, settings)) {
            long[] read = new long[1];
            Thread reader = new Thread(() -> {
                try {
                    for (long expected = 0; expected < records; expected++) {
                        BufferRecord r = buffer.read(10, TimeUnit.SECONDS);
                        if (r == null || r.seq() != expected || r.events().count() != 64) return;
                        buffer.ack(r.position());
                        read[0]++;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long t0 = System.nanoTime();
            reader.start();
            for (int i = 0; i < records; i++) assertThat(buffer.appendEvents(batch)).isTrue();
            reader.join(120_000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(read[0]).isEqualTo(records);
            long bytes = buffer.counters().bytesAppended();
            System.out.printf("disk buffer, fsync %s: %d events in %.2fs = %.0f events/s, %.1f MiB/s, %d fsyncs%n",
                    fsync, records * 64L, seconds, records * 64 / seconds, bytes / seconds / (1 << 20),
                    buffer.counters().fsyncs());
        }
    }
}
