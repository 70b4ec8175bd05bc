package io.sluice.core.buffer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class DiskBufferTest {
    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("outputs").resolve("es").resolve("buffer");
    }

    private static BufferRecord next(DiskBuffer buffer) throws InterruptedException {
        return buffer.read(2, TimeUnit.SECONDS);
    }

    @Test
    void appendReadAckAcrossSegmentsDeletesAcknowledgedSegments() throws Exception {
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().fsync(FsyncPolicy.INTERVAL).build())) {
            for (int i = 0; i < 300; i++) assertThat(buffer.append(Payloads.of(i, 100 + i * 10), 0, 100 + i * 10)).isTrue();
            assertThat(buffer.segmentCount()).isGreaterThan(5);
            assertThat(buffer.pendingRecords()).isEqualTo(300);
            for (int i = 0; i < 300; i++) {
                BufferRecord r = next(buffer);
                assertThat(r).isNotNull();
                assertThat(r.seq()).isEqualTo(i);
                assertThat(Payloads.text(r.payload())).isEqualTo(Payloads.text(Payloads.of(i, 100 + i * 10)));
                buffer.ack(r.position());
            }
            assertThat(buffer.read(50, TimeUnit.MILLISECONDS)).isNull();
            assertThat(buffer.usedBytes()).isZero();
            assertThat(buffer.pendingRecords()).isZero();
            assertThat(buffer.segmentCount()).isEqualTo(1);
            assertThat(SegmentFiles.list(dir())).hasSize(1);
            assertThat(buffer.counters().segmentsDeleted()).isGreaterThan(5);
        }
    }

    @Test
    void eventsAppendedAsOneRecordComeBackAsEvents() throws Exception {
        byte[] big = "{\"a\":1}{\"b\":2}{\"c\":3}".getBytes(StandardCharsets.UTF_8);
        EventSlices slices = new EventSlices() {
            @Override
            public int count() {
                return 3;
            }

            @Override
            public byte[] array(int i) {
                return big;
            }

            @Override
            public int offset(int i) {
                return i * 7;
            }

            @Override
            public int length(int i) {
                return 7;
            }
        };
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            assertThat(buffer.appendEvents(slices)).isTrue();
            assertThat(buffer.tryAppendEvents(EventSlices.of(List.of(new byte[0], "x".getBytes(StandardCharsets.UTF_8))))).isTrue();
            RecordEvents events = next(buffer).events();
            assertThat(events.count()).isEqualTo(3);
            assertThat(new String(events.array(), events.start(1), events.length(1), StandardCharsets.UTF_8)).isEqualTo("{\"b\":2}");
            assertThat(Payloads.text(events.copy(2))).isEqualTo("{\"c\":3}");
            RecordEvents second = next(buffer).events();
            assertThat(second.count()).isEqualTo(2);
            assertThat(second.length(0)).isZero();
            assertThat(Payloads.text(second.copy(1))).isEqualTo("x");
        }
    }

    @Test
    void restartResumesAfterTheLastAcknowledgementWithoutLossOrReorder() throws Exception {
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().fsync(FsyncPolicy.INTERVAL).build())) {
            for (int i = 0; i < 200; i++) buffer.append(Payloads.of(i, 700), 0, 700);
            for (int i = 0; i < 120; i++) {
                BufferRecord r = next(buffer);
                if (i < 90) buffer.ack(r.position()); // 90..119 read but never acknowledged
            }
        }
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            assertThat(buffer.pendingRecords()).isEqualTo(110);
            for (int i = 90; i < 200; i++) {
                BufferRecord r = next(buffer);
                assertThat(r.seq()).isEqualTo(i);
                assertThat(Payloads.text(r.payload())).isEqualTo(Payloads.text(Payloads.of(i, 700)));
            }
            assertThat(buffer.read(50, TimeUnit.MILLISECONDS)).isNull();
            // Sequence numbers continue across the restart.
            buffer.append(new byte[] {1}, 0, 1);
            assertThat(next(buffer).seq()).isEqualTo(200);
        }
    }

    @Test
    void aCrashWithFsyncBatchLosesNothingAndRedeliversNothingAcknowledged() throws Exception {
        Path copy = tmp.resolve("after-crash");
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            for (int i = 0; i < 100; i++) buffer.append(Payloads.of(i, 900), 0, 900);
            for (int i = 0; i < 70; i++) buffer.ack(next(buffer).position());
            BufferFiles.copyAsIfCrashed(dir(), copy); // what kill -9 leaves: the files as they are now
        }
        try (DiskBuffer buffer = DiskBuffer.open(copy, Payloads.small().build())) {
            for (int i = 70; i < 100; i++) assertThat(next(buffer).seq()).isEqualTo(i);
            assertThat(buffer.read(50, TimeUnit.MILLISECONDS)).isNull();
            assertThat(buffer.counters().damageTotal()).isZero();
        }
    }

    @Test
    void acknowledgementsOutOfOrderAdvanceOnlyOverTheAcknowledgedPrefix() throws Exception {
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            for (int i = 0; i < 4; i++) buffer.append(Payloads.of(i, 50), 0, 50);
            BufferRecord r0 = next(buffer);
            BufferRecord r1 = next(buffer);
            BufferRecord r2 = next(buffer);
            buffer.ack(r2.position());
            buffer.ack(r0.position());
            buffer.ack(r0.position()); // twice is harmless
            assertThat(buffer.pendingRecords()).isEqualTo(3); // r1 holds r2 back
            assertThatThrownBy(() -> buffer.ack(new RecordPosition(0, 0, 0, 3))).isInstanceOf(IllegalArgumentException.class);
            assertThat(r1.seq()).isEqualTo(1);
        }
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            // r1 was never acknowledged: it and everything after it come again (r2 too: at least once).
            assertThat(next(buffer).seq()).isEqualTo(1);
            assertThat(next(buffer).seq()).isEqualTo(2);
            assertThat(next(buffer).seq()).isEqualTo(3);
        }
    }

    @Test
    void aFullBufferBlocksAppendsUntilAnAcknowledgementFreesSpace() throws Exception {
        DiskBufferSettings settings = Payloads.small().maxBytes(64 * 1024).build();
        try (DiskBuffer buffer = DiskBuffer.open(dir(), settings)) {
            int appended = 0;
            while (buffer.tryAppend(Payloads.of(appended, 4000), 0, 4000)) appended++;
            assertThat(appended).isBetween(14, 16);
            assertThat(buffer.usedBytes()).isLessThanOrEqualTo(64 * 1024);
            assertThat(buffer.counters().appendsRefused()).isEqualTo(1);

            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean done = new AtomicBoolean();
            Thread appender = new Thread(() -> {
                started.countDown();
                try {
                    done.set(buffer.append(Payloads.of(999, 4000), 0, 4000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            appender.start();
            started.await();
            await().atMost(Duration.ofSeconds(30)).until(() -> buffer.counters().appendsBlocked() == 1);
            assertThat(done).isFalse();
            buffer.ack(next(buffer).position());
            appender.join(5000);
            assertThat(done).isTrue();
            assertThat(buffer.usedBytes()).isLessThanOrEqualTo(64 * 1024);
        }
    }

    @Test
    void closingReleasesABlockedAppenderWithFalse() throws Exception {
        DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().maxBytes(64 * 1024).build());
        while (buffer.tryAppend(new byte[8000], 0, 8000)) {
            // fill it
        }
        AtomicReference<Boolean> result = new AtomicReference<>();
        Thread appender = new Thread(() -> {
            try {
                result.set(buffer.append(new byte[8000], 0, 8000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        appender.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> buffer.counters().appendsBlocked() == 1);
        buffer.close();
        appender.join(5000);
        assertThat(result.get()).isFalse();
        assertThat(buffer.read(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aRecordLargerThanTheBoundIsTakenWhenTheBufferIsEmpty() throws Exception {
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().maxBytes(64 * 1024).build())) {
            byte[] huge = Payloads.of(1, 200_000);
            assertThat(buffer.tryAppend(huge, 0, huge.length)).isTrue();
            assertThat(buffer.tryAppend(new byte[10], 0, 10)).isFalse();
            BufferRecord r = next(buffer);
            assertThat(r.payload()).isEqualTo(huge);
            buffer.ack(r.position());
            assertThat(buffer.tryAppend(new byte[10], 0, 10)).isTrue();
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() throws Exception {
        try (DiskBuffer ignored = DiskBuffer.open(dir(), Payloads.small().build())) {
            assertThatThrownBy(() -> DiskBuffer.open(dir(), Payloads.small().build()))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use");
            assertThat(DiskBuffer.inspect(dir()).inUse()).isTrue();
        }
        assertThat(DiskBuffer.inspect(dir()).inUse()).isFalse();
    }

    @Test
    void concurrentAppendersAndOneReaderDeliverEverythingOnceInPerThreadOrder() throws Exception {
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().maxBytes(256 * 1024).build())) {
            int perThread = 200;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        byte[] b = (thread + ":" + i).getBytes(StandardCharsets.UTF_8);
                        try {
                            buffer.append(b, 0, b.length);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            ConcurrentLinkedQueue<String> got = new ConcurrentLinkedQueue<>();
            int[] last = {-1, -1};
            long prevSeq = -1;
            for (int n = 0; n < 2 * perThread; n++) {
                BufferRecord r = next(buffer);
                assertThat(r).isNotNull();
                assertThat(r.seq()).isEqualTo(prevSeq + 1);
                prevSeq = r.seq();
                String[] parts = Payloads.text(r.payload()).split(":");
                int t = Integer.parseInt(parts[0]);
                int i = Integer.parseInt(parts[1]);
                assertThat(i).isEqualTo(last[t] + 1);
                last[t] = i;
                got.add(Payloads.text(r.payload()));
                buffer.ack(r.position());
            }
            for (Thread t : threads) t.join(5000);
            assertThat(got).hasSize(2 * perThread);
            assertThat(buffer.counters().fsyncs()).isPositive();
        }
    }

    @Test
    void metricsBindToMicrometer() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            buffer.bindMetrics(registry, "es");
            buffer.append(new byte[100], 0, 100);
            assertThat(registry.get("sluice.buffer.disk.records.appended").tag("output", "es").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("sluice.buffer.disk.bytes").tag("output", "es").gauge().value()).isEqualTo(128);
            assertThat(registry.get("sluice.buffer.disk.damage").tag("kind", "torn_tail").functionCounter().count()).isZero();
        }
    }

    @Test
    void aMissingReadPositionRedeliversEverythingAndSaysSo() throws Exception {
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            for (int i = 0; i < 3; i++) buffer.append(Payloads.of(i, 40), 0, 40);
            buffer.ack(next(buffer).position());
        }
        Files.write(dir().resolve(PositionFile.NAME), new byte[] {1, 2, 3});
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            assertThat(buffer.counters().positionErrors()).isEqualTo(1);
            assertThat(next(buffer).seq()).isZero();
        }
    }

    @Test
    void readGroupCollectsRecordsUpToTheEventLimit() throws Exception {
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            List<byte[]> three = List.of(new byte[10], new byte[10], new byte[10]);
            for (int i = 0; i < 5; i++) buffer.appendEvents(EventSlices.of(three));
            List<BufferRecord> group = buffer.readGroup(1000, 1000, 7, 1 << 20, BufferRecord::eventCount);
            assertThat(group).extracting(BufferRecord::seq).containsExactly(0L, 1L, 2L); // 9 events: past 7 by the last
            List<BufferRecord> rest = buffer.readGroup(1000, 50, 100, 1 << 20, BufferRecord::eventCount);
            assertThat(rest).extracting(BufferRecord::seq).containsExactly(3L, 4L);
            assertThat(buffer.readGroup(10, 10, 100, 1 << 20, BufferRecord::eventCount)).isEmpty();
        }
    }

    @Test
    void theIntervalTimerPersistsThePositionWithoutAClose() throws Exception {
        Path copy = tmp.resolve("after-crash");
        DiskBufferSettings settings = Payloads.small().fsync(FsyncPolicy.INTERVAL).fsyncInterval(Duration.ofMillis(50)).build();
        try (DiskBuffer buffer = DiskBuffer.open(dir(), settings)) {
            for (int i = 0; i < 10; i++) buffer.append(Payloads.of(i, 100), 0, 100);
            for (int i = 0; i < 6; i++) buffer.ack(next(buffer).position());
            long fsyncs = buffer.counters().fsyncs();
            await().atMost(Duration.ofSeconds(30)).until(() -> buffer.counters().fsyncs() > fsyncs
                    && PositionFile.read(dir()).pos().nextSeq() == 6);
            BufferFiles.copyAsIfCrashed(dir(), copy);
        }
        try (DiskBuffer buffer = DiskBuffer.open(copy, settings)) {
            assertThat(next(buffer).seq()).isEqualTo(6);
        }
    }

    @Test
    void segmentsBehindThePositionLeftByACrashAreDeletedNotRedelivered() throws Exception {
        Path before = tmp.resolve("before-acks");
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            for (int i = 0; i < 100; i++) buffer.append(Payloads.of(i, 1500), 0, 1500);
            BufferFiles.copyAsIfCrashed(dir(), before);
            for (int i = 0; i < 100; i++) buffer.ack(next(buffer).position());
        }
        // The position was persisted, then the crash came before the segment files were deleted.
        for (long id : BufferFiles.segments(before)) {
            if (!Files.exists(BufferFiles.segment(dir(), id))) Files.copy(BufferFiles.segment(before, id), BufferFiles.segment(dir(), id));
        }
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            assertThat(buffer.read(50, TimeUnit.MILLISECONDS)).isNull();
            assertThat(buffer.segmentCount()).isEqualTo(1);
            assertThat(buffer.pendingRecords()).isZero();
        }
    }

    @Test
    void inspectOfAHealthyBufferCountsPendingRecordsAndTimes() throws Exception {
        long before = System.currentTimeMillis();
        try (DiskBuffer buffer = DiskBuffer.open(dir(), Payloads.small().build())) {
            for (int i = 0; i < 50; i++) buffer.append(Payloads.of(i, 3000), 0, 3000);
            for (int i = 0; i < 20; i++) buffer.ack(next(buffer).position());
        }
        BufferReport report = DiskBuffer.inspect(dir());
        assertThat(report.clean()).isTrue();
        assertThat(report.pendingRecords()).isEqualTo(30);
        assertThat(report.pendingBytes()).isEqualTo(30L * (3000 + RecordFormat.HEADER_BYTES));
        assertThat(report.oldestAppendMillis()).isBetween(before, System.currentTimeMillis());
        assertThat(report.segments()).allSatisfy(s -> assertThat(s.damagedRanges()).isZero());
        assertThat(report.format()).contains("pending (not acknowledged): 30 records", "damage: none");
    }

    @Test
    void settingsParseThePolicyAndKeepSegmentsBelowAQuarterOfTheBound() {
        assertThat(FsyncPolicy.parse("batch")).isEqualTo(FsyncPolicy.BATCH);
        assertThat(FsyncPolicy.parse(" Interval ")).isEqualTo(FsyncPolicy.INTERVAL);
        DiskBufferSettings defaults = DiskBufferSettings.builder().build();
        assertThat(defaults.segmentBytes()).isEqualTo(64L << 20);
        assertThat(defaults.fsync()).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(DiskBufferSettings.builder().maxBytes(1L << 20).build().segmentBytes()).isEqualTo(256 * 1024);
        assertThatThrownBy(() -> DiskBufferSettings.builder().fsyncInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
