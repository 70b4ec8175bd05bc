package io.sluice.core.buffer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of append, read, acknowledge, clean restart and crash (the files copied as kill -9 leaves
 * them), with fixed seeds: the reader never skips a record that was not acknowledged, never goes backwards
 * within a run, and hands out exactly what was appended.
 */
@Timeout(120)
class DiskBufferPropertyTest {
    @TempDir
    Path tmp;

    /** What the test appended, by its own id (the first 8 payload bytes), and what it acknowledged. */
    private final TreeMap<Long, byte[]> appended = new TreeMap<>();
    private final Set<Long> acked = new HashSet<>();
    private final List<BufferRecord> outstanding = new ArrayList<>();
    private long lastReadId = -1;
    private long lastReadSeq = -1;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomOperationsNeverLoseOrReorderAPendingRecord(long seed) throws Exception {
        Random random = new Random(seed);
        DiskBufferSettings settings = DiskBufferSettings.builder().maxBytes(96 * 1024).segmentBytes(8192)
                .fsync(seed % 2 == 0 ? FsyncPolicy.BATCH : FsyncPolicy.INTERVAL).build();
        Path dir = tmp.resolve("run-0");
        DiskBuffer buffer = DiskBuffer.open(dir, settings);
        long nextId = 0;
        int restarts = 0;
        for (int op = 0; op < 400; op++) {
            int dice = random.nextInt(100);
            if (dice < 40) {
                byte[] payload = new byte[8 + random.nextInt(3000)];
                random.nextBytes(payload);
                ByteBuffer.wrap(payload).putLong(0, nextId);
                if (buffer.tryAppend(payload, 0, payload.length)) {
                    appended.put(nextId, payload);
                    // Within the bound, or alone (a crash can leave more pending than the bound, then appends wait).
                    assertThat(buffer.usedBytes() <= settings.maxBytes()
                            || buffer.usedBytes() == payload.length + RecordFormat.HEADER_BYTES).isTrue();
                }
                nextId++;
            } else if (dice < 70) {
                read(buffer);
            } else if (dice < 92) {
                if (!outstanding.isEmpty()) {
                    // Mostly in order, sometimes out of order (a sink with several threads).
                    int i = random.nextInt(4) == 0 ? random.nextInt(outstanding.size()) : 0;
                    BufferRecord r = outstanding.remove(i);
                    buffer.ack(r.position());
                    acked.add(id(r));
                }
            } else if (dice < 96) {
                buffer.close();
                buffer = DiskBuffer.open(dir, settings);
                newRun();
            } else {
                Path copy = tmp.resolve("run-" + ++restarts);
                BufferFiles.copyAsIfCrashed(dir, copy);
                buffer.close();
                dir = copy;
                buffer = DiskBuffer.open(dir, settings);
                newRun();
            }
        }
        // Drain: everything not acknowledged comes out, in order.
        while (read(buffer)) {
            BufferRecord r = outstanding.remove(0);
            buffer.ack(r.position());
            acked.add(id(r));
        }
        for (BufferRecord r : outstanding) {
            buffer.ack(r.position());
            acked.add(id(r));
        }
        assertThat(acked).containsAll(appended.keySet());
        assertThat(buffer.usedBytes()).isZero();
        assertThat(buffer.pendingRecords()).isZero();
        assertThat(buffer.segmentCount()).isEqualTo(1);
        assertThat(buffer.counters().damageTotal()).isZero();
        buffer.close();
    }

    private void newRun() {
        outstanding.clear();
        lastReadId = -1;
        lastReadSeq = -1;
    }

    /** Reads one record, checking the invariants; false when there was none. */
    private boolean read(DiskBuffer buffer) throws InterruptedException {
        BufferRecord r = buffer.read(0, TimeUnit.MILLISECONDS);
        long upTo = r == null ? Long.MAX_VALUE : id(r);
        for (Long skipped : appended.subMap(lastReadId, false, upTo, false).keySet()) {
            assertThat(acked).as("record %d was skipped but never acknowledged", skipped).contains(skipped);
        }
        if (r == null) return false;
        assertThat(upTo).as("read order").isGreaterThan(lastReadId);
        assertThat(r.seq()).as("sequence order").isGreaterThan(lastReadSeq);
        assertThat(r.payload()).isEqualTo(appended.get(upTo));
        lastReadId = upTo;
        lastReadSeq = r.seq();
        outstanding.add(r);
        return true;
    }

    private static long id(BufferRecord r) {
        return ByteBuffer.wrap(r.payload()).getLong(0);
    }
}
