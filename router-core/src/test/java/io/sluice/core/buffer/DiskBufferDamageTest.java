package io.sluice.core.buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What crashes and failing disks do to segment files: each case opens anyway, delivers every intact record,
 * reports and counts the damage, and keeps the skipped bytes in the quarantine.
 */
@Timeout(120)
class DiskBufferDamageTest {
    private static final int RECORDS = 120;

    @TempDir
    Path dir;

    /** Writes RECORDS records over several segments, closes, and returns where each one lies. */
    private List<RecordPosition> fill() throws Exception {
        List<RecordPosition> positions = new ArrayList<>();
        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            for (int i = 0; i < RECORDS; i++) buffer.append(Payloads.of(i, 1500), 0, 1500);
            for (int i = 0; i < RECORDS; i++) positions.add(buffer.read(1, TimeUnit.SECONDS).position());
            // closed without acknowledging: everything is pending
        }
        assertThat(positions.get(RECORDS - 1).segment()).isGreaterThan(positions.get(0).segment() + 1);
        return positions;
    }

    /** Opens the buffer and reads everything it delivers. */
    private List<Long> deliveredSeqs(DiskBuffer buffer) throws Exception {
        List<Long> seqs = new ArrayList<>();
        BufferRecord r;
        while ((r = buffer.read(100, TimeUnit.MILLISECONDS)) != null) {
            assertThat(Payloads.text(r.payload())).isEqualTo(Payloads.text(Payloads.of((int) r.seq(), 1500)));
            seqs.add(r.seq());
            buffer.ack(r.position());
        }
        return seqs;
    }

    private static List<Long> allBut(long... missing) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < RECORDS; i++) {
            final long s = i;
            if (Arrays.stream(missing).noneMatch(m -> m == s)) out.add(i);
        }
        return out;
    }

    private Path quarantineFile(RecordPosition at) {
        return dir.resolve("quarantine").resolve(SegmentFiles.name(at.segment()) + "." + at.offset() + ".bad");
    }

    @Test
    void aSegmentTruncatedMidRecordLosesOnlyThatRecord() throws Exception {
        List<RecordPosition> at = fill();
        RecordPosition last = at.get(RECORDS - 1);
        Path seg = BufferFiles.segment(dir, last.segment());
        byte[] tornBytes = BufferFiles.slice(seg, last.offset(), 700);
        BufferFiles.truncate(seg, last.offset() + 700);

        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(Files.size(seg)).isEqualTo(last.offset()); // truncated (and deleted once all is acknowledged)
            assertThat(deliveredSeqs(buffer)).isEqualTo(allBut(RECORDS - 1));
            assertThat(buffer.counters().damage(DamageKind.TORN_TAIL)).isEqualTo(1);
            assertThat(buffer.counters().damagedBytes()).isEqualTo(700);
        }
        assertThat(Files.readAllBytes(quarantineFile(last))).isEqualTo(tornBytes);
        // Truncated once: the next open finds nothing.
        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(buffer.counters().damageTotal()).isZero();
        }
    }

    @Test
    void aByteFlippedInTheMiddleSkipsToTheNextIntactRecord() throws Exception {
        List<RecordPosition> at = fill();
        RecordPosition victim = at.get(40);
        assertThat(at.get(41).segment()).isEqualTo(victim.segment()); // damage in the middle of a segment
        Path seg = BufferFiles.segment(dir, victim.segment());
        BufferFiles.flipByte(seg, victim.offset() + 600);
        byte[] damaged = BufferFiles.slice(seg, victim.offset(), (int) (victim.end() - victim.offset()));

        BufferReport inspected = DiskBuffer.inspect(dir);
        assertThat(inspected.damage()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DamageKind.CORRUPT_RECORDS);
            assertThat(d.offset()).isEqualTo(victim.offset());
            assertThat(d.recordsLost()).isEqualTo(1);
            assertThat(d.quarantine()).isNull();
        });
        assertThat(inspected.records()).isEqualTo(RECORDS - 1);

        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(deliveredSeqs(buffer)).isEqualTo(allBut(40));
            assertThat(buffer.counters().damage(DamageKind.CORRUPT_RECORDS)).isEqualTo(1);
            assertThat(buffer.counters().damagedBytes()).isEqualTo(damaged.length);
        }
        assertThat(Files.readAllBytes(quarantineFile(victim))).isEqualTo(damaged);
    }

    @Test
    void aGarbageLengthInTheMiddleIsSkippedWithoutReadingPastIt() throws Exception {
        List<RecordPosition> at = fill();
        RecordPosition victim = at.get(10);
        Path seg = BufferFiles.segment(dir, victim.segment());
        BufferFiles.writeAt(seg, victim.offset() + 4, ByteBuffer.allocate(4).putInt(0x7FFFFFF0).array());

        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(deliveredSeqs(buffer)).isEqualTo(allBut(10));
            assertThat(buffer.counters().damage(DamageKind.CORRUPT_RECORDS)).isEqualTo(1);
        }
    }

    @Test
    void aZeroFilledTailIsTreatedAsTorn() throws Exception {
        List<RecordPosition> at = fill();
        RecordPosition last = at.get(RECORDS - 1);
        Path seg = BufferFiles.segment(dir, last.segment());
        BufferFiles.append(seg, new byte[8192]);

        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(Files.size(seg)).isEqualTo(last.end());
            assertThat(deliveredSeqs(buffer)).isEqualTo(allBut());
            assertThat(buffer.counters().damage(DamageKind.ZERO_FILLED_TAIL)).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(quarantineFile(new RecordPosition(last.segment(), last.end(), 0, 0))))
                .isEqualTo(new byte[8192]);
    }

    @Test
    void aTornRecordFollowedByZerosIsOneTornTail() throws Exception {
        List<RecordPosition> at = fill();
        RecordPosition last = at.get(RECORDS - 1);
        Path seg = BufferFiles.segment(dir, last.segment());
        // Power loss: the file kept its length but the last record's data never reached the disk.
        BufferFiles.writeAt(seg, last.offset() + 100, new byte[(int) (last.end() - last.offset() - 100)]);

        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(deliveredSeqs(buffer)).isEqualTo(allBut(RECORDS - 1));
            assertThat(buffer.counters().damage(DamageKind.TORN_TAIL)).isEqualTo(1);
        }
    }

    @Test
    void garbageAppendedToASegmentIsCutOff() throws Exception {
        List<RecordPosition> at = fill();
        RecordPosition last = at.get(RECORDS - 1);
        Path seg = BufferFiles.segment(dir, last.segment());
        byte[] garbage = new byte[5000];
        new Random(7).nextBytes(garbage);
        garbage[0] = 'x';
        BufferFiles.append(seg, garbage);

        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(deliveredSeqs(buffer)).isEqualTo(allBut());
            assertThat(buffer.counters().damage(DamageKind.GARBAGE_TAIL)).isEqualTo(1);
            assertThat(buffer.counters().quarantineFailures()).isZero();
        }
        assertThat(Files.readAllBytes(quarantineFile(new RecordPosition(last.segment(), last.end(), 0, 0))))
                .isEqualTo(garbage);
    }

    @Test
    void damageInAnOlderSegmentAndATornTailTogether() throws Exception {
        List<RecordPosition> at = fill();
        RecordPosition first = at.get(0);
        RecordPosition last = at.get(RECORDS - 1);
        BufferFiles.flipByte(BufferFiles.segment(dir, first.segment()), first.offset() + 2); // the magic itself
        BufferFiles.truncate(BufferFiles.segment(dir, last.segment()), last.offset() + 10);

        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(deliveredSeqs(buffer)).isEqualTo(allBut(0, RECORDS - 1));
            assertThat(buffer.counters().damageTotal()).isEqualTo(2);
        }
    }

    @Test
    void damageFoundAgainOnTheNextOpenIsNotQuarantinedTwice() throws Exception {
        List<RecordPosition> at = fill();
        RecordPosition victim = at.get(5);
        BufferFiles.flipByte(BufferFiles.segment(dir, victim.segment()), victim.offset() + 100);
        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(buffer.counters().damageTotal()).isEqualTo(1);
        }
        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            // Nothing was acknowledged, so the damaged range is still ahead of the reader.
            assertThat(buffer.counters().damageTotal()).isEqualTo(1);
            assertThat(deliveredSeqs(buffer)).isEqualTo(allBut(5));
        }
        try (var files = Files.list(dir.resolve("quarantine"))) {
            assertThat(files).hasSize(1);
        }
    }

    /** The sequence numbers of the records in one segment. */
    private static long[] seqsIn(List<RecordPosition> at, long segment) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) if (at.get(i).segment() == segment) out.add((long) i);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Inspect names the gap, open counts and logs it, and every other record is delivered. */
    private void assertMissing(long... lost) throws Exception {
        BufferReport report = DiskBuffer.inspect(dir);
        assertThat(report.clean()).isFalse();
        assertThat(report.damage()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DamageKind.MISSING_RECORDS);
            assertThat(d.recordsLost()).isEqualTo(lost.length);
        });
        assertThat(report.format()).contains("missing_records", lost.length + " record(s) lost");
        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(buffer.counters().damage(DamageKind.MISSING_RECORDS)).isEqualTo(1);
            assertThat(buffer.counters().quarantineFailures()).isZero();
            assertThat(deliveredSeqs(buffer)).isEqualTo(allBut(lost));
        }
    }

    private void deletingTheSegmentOfRecordIsDamage(int record) throws Exception {
        List<RecordPosition> at = fill();
        long segment = at.get(record).segment();
        Files.delete(BufferFiles.segment(dir, segment));
        assertMissing(seqsIn(at, segment));
    }

    @Test
    void aDeletedSegmentIsDamage() throws Exception {
        deletingTheSegmentOfRecordIsDamage(RECORDS / 2);
    }

    @Test
    void theReadPositionsSegmentDeletedIsDamage() throws Exception {
        deletingTheSegmentOfRecordIsDamage(0);
    }

    @Test
    void anEmptiedSegmentIsDamage() throws Exception {
        List<RecordPosition> at = fill();
        long first = at.get(0).segment();
        BufferFiles.truncate(BufferFiles.segment(dir, first), 0);
        assertMissing(seqsIn(at, first));
    }

    @Test
    void aSegmentCutExactlyAtARecordBoundaryIsDamage() throws Exception {
        List<RecordPosition> at = fill();
        long middle = at.get(RECORDS / 2).segment();
        long[] inIt = seqsIn(at, middle);
        long[] cutOff = Arrays.copyOfRange(inIt, inIt.length / 2, inIt.length);
        BufferFiles.truncate(BufferFiles.segment(dir, middle), at.get((int) cutOff[0]).offset());
        assertMissing(cutOff);
    }

    @Test
    void aDamagedReadPositionFallsBackToTheOldestSegment() throws Exception {
        fill();
        Files.write(dir.resolve(PositionFile.NAME), new byte[32]);
        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            assertThat(buffer.counters().positionErrors()).isEqualTo(1);
            assertThat(deliveredSeqs(buffer)).isEqualTo(allBut());
        }
    }

    @Test
    void inspectReportsDamageWithoutChangingAnything() throws Exception {
        List<RecordPosition> at = fill();
        RecordPosition victim = at.get(20);
        RecordPosition last = at.get(RECORDS - 1);
        BufferFiles.flipByte(BufferFiles.segment(dir, victim.segment()), victim.offset() + 50);
        BufferFiles.truncate(BufferFiles.segment(dir, last.segment()), last.offset() + 40);
        long sizeBefore = Files.size(BufferFiles.segment(dir, last.segment()));

        BufferReport report = DiskBuffer.inspect(dir);

        assertThat(report.inUse()).isFalse();
        assertThat(report.records()).isEqualTo(RECORDS - 2);
        assertThat(report.pendingRecords()).isEqualTo(RECORDS - 2);
        assertThat(report.segments()).hasSizeGreaterThan(2);
        assertThat(report.bytes()).isEqualTo(report.segments().stream().mapToLong(BufferReport.SegmentSummary::bytes).sum());
        assertThat(report.oldestAppendMillis()).isPositive().isLessThanOrEqualTo(report.newestAppendMillis());
        assertThat(report.damage()).extracting(BufferDamage::kind)
                .containsExactly(DamageKind.CORRUPT_RECORDS, DamageKind.TORN_TAIL);
        assertThat(report.clean()).isFalse();
        assertThat(report.format()).contains("damage: 2 range(s)", "corrupt_records", "torn_tail", "1 record(s) lost");
        assertThat(Files.size(BufferFiles.segment(dir, last.segment()))).isEqualTo(sizeBefore);
        assertThat(dir.resolve("quarantine")).doesNotExist();
    }

    @Test
    void repairRewritesDamagedSegmentsAndKeepsTheReadPosition() throws Exception {
        List<RecordPosition> at = fill();
        // Acknowledge 0..49, then damage a record before 50 in the same segment, and one after it.
        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            for (int i = 0; i < 50; i++) buffer.ack(buffer.read(1, TimeUnit.SECONDS).position());
        }
        long seg = at.get(50).segment();
        int before = 50;
        while (before > 0 && at.get(before - 1).segment() == seg) before--;
        assertThat(before).isLessThan(50);
        RecordPosition acked = at.get(before);
        RecordPosition pending = at.get(51);
        assertThat(pending.segment()).isEqualTo(seg);
        BufferFiles.flipByte(BufferFiles.segment(dir, seg), acked.offset() + 300);
        BufferFiles.flipByte(BufferFiles.segment(dir, seg), pending.offset() + 300);
        BufferFiles.append(BufferFiles.segment(dir, at.get(RECORDS - 1).segment()), new byte[100]);

        BufferReport repaired = DiskBuffer.repair(dir);

        assertThat(repaired.damage()).extracting(BufferDamage::kind).containsExactly(
                DamageKind.CORRUPT_RECORDS, DamageKind.CORRUPT_RECORDS, DamageKind.ZERO_FILLED_TAIL);
        assertThat(repaired.actions()).anyMatch(a -> a.startsWith("rewrote " + SegmentFiles.name(seg)));
        assertThat(repaired.actions()).anyMatch(a -> a.startsWith("truncated"));
        assertThat(repaired.pendingRecords()).isEqualTo(RECORDS - 50 - 1);
        try (var files = Files.list(dir.resolve("quarantine"))) {
            assertThat(files).hasSize(3);
        }
        assertThat(DiskBuffer.inspect(dir).clean()).isTrue();
        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            List<Long> expected = new ArrayList<>();
            for (long i = 50; i < RECORDS; i++) if (i != 51) expected.add(i);
            assertThat(deliveredSeqs(buffer)).isEqualTo(expected);
            assertThat(buffer.counters().damageTotal()).isZero();
        }
    }

    @Test
    void repairRefusesABufferInUse() throws Exception {
        try (DiskBuffer ignored = DiskBuffer.open(dir, Payloads.small().build())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DiskBuffer.repair(dir))
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void damageAppearingWhileOpenIsSkippedWhenRead() throws Exception {
        try (DiskBuffer buffer = DiskBuffer.open(dir, Payloads.small().build())) {
            for (int i = 0; i < 3; i++) buffer.append(Payloads.of(i, 1500), 0, 1500);
            // The disk changes under the running buffer: record 1 gets a bad byte before the sink reads it.
            long recordBytes = 1500 + RecordFormat.HEADER_BYTES;
            BufferFiles.flipByte(BufferFiles.segment(dir, BufferFiles.segments(dir).get(0)), recordBytes + 200);
            BufferRecord first = buffer.read(1, TimeUnit.SECONDS);
            assertThat(first.seq()).isZero();
            BufferRecord after = buffer.read(1, TimeUnit.SECONDS);
            assertThat(after.seq()).isEqualTo(2);
            assertThat(buffer.counters().damage(DamageKind.CORRUPT_RECORDS)).isEqualTo(1);
            assertThat(buffer.counters().damagedBytes()).isEqualTo(recordBytes);
            buffer.ack(after.position());
            buffer.ack(first.position());
        }
        // The skipped range does not hold the read position back.
        BufferReport report = DiskBuffer.inspect(dir);
        assertThat(report.pendingRecords()).isZero();
        assertThat(report.pendingBytes()).isZero();
    }
}
