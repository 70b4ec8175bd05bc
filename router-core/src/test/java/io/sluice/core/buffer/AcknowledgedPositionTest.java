package io.sluice.core.buffer;

import io.sluice.core.health.RateLimitedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The acknowledged position on its own: what reaches read.pos, and which segment files are deleted when. */
@Timeout(60)
class AcknowledgedPositionTest {
    @TempDir
    Path dir;
    private final DiskBufferCounters counters = new DiskBufferCounters();
    private SegmentTable table;

    /** Sealed segments 1, 2, ... of {@code sizes} bytes (files on disk) and an empty active one; the front at 0. */
    private AcknowledgedPosition open(FsyncPolicy fsync, long records, long... sizes) throws Exception {
        return open(fsync, new PositionFile.Pos(1, 0, 0), records, sizes);
    }

    private AcknowledgedPosition open(FsyncPolicy fsync, PositionFile.Pos front, long records, long... sizes)
            throws Exception {
        List<Segment> sealed = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            long id = i + 1;
            Files.write(SegmentFiles.path(dir, id), new byte[(int) sizes[i]]);
            sealed.add(new Segment(id, SegmentFiles.path(dir, id), sizes[i], true, new TreeMap<>()));
        }
        long activeId = sizes.length + 1;
        Files.write(SegmentFiles.path(dir, activeId), new byte[0]);
        table = new SegmentTable(sealed, Segment.empty(dir, activeId), front, records, 1 << 20,
                counters);
        return new AcknowledgedPosition(dir, "test", fsync, counters,
                new RateLimitedLog(LoggerFactory.getLogger(getClass()), 10_000), table);
    }

    private PositionFile.Pos onDisk() {
        return PositionFile.read(dir).pos();
    }

    @Test
    void withFsyncBatchTheAcknowledgedPrefixIsPersistedAndWhollyAcknowledgedSegmentsAreDeleted() throws Exception {
        AcknowledgedPosition position = open(FsyncPolicy.BATCH, 3, 100, 100);
        position.recordRead(0, 1, 50);
        position.recordRead(1, 1, 100);
        position.recordRead(2, 2, 100);

        position.ack(new RecordPosition(1, 50, 100, 1));
        assertThat(onDisk()).as("record 0 holds record 1 back").isNull();
        assertThat(table.pendingRecords()).isEqualTo(3);

        position.ack(new RecordPosition(1, 0, 50, 0));
        assertThat(onDisk()).isEqualTo(new PositionFile.Pos(1, 100, 2));
        assertThat(SegmentFiles.list(dir)).containsExactly(2L, 3L);
        assertThat(table.pendingRecords()).isEqualTo(1);

        position.ack(new RecordPosition(2, 0, 100, 2));
        position.ack(new RecordPosition(2, 0, 100, 2)); // twice is harmless
        assertThat(onDisk()).isEqualTo(new PositionFile.Pos(2, 100, 3));
        assertThat(SegmentFiles.list(dir)).containsExactly(3L);
        assertThat(table.pendingRecords()).isZero();
        assertThat(table.usedBytes()).isZero();
        assertThat(counters.segmentsDeleted()).isEqualTo(2);
        assertThat(counters.recordsAcked()).isEqualTo(4);
    }

    @Test
    void withFsyncIntervalAnAcknowledgementPersistsOnlyBeforeDeletingASegment() throws Exception {
        AcknowledgedPosition position = open(FsyncPolicy.INTERVAL, 2, 100);
        position.recordRead(0, 1, 40);
        position.recordRead(1, 1, 100);

        position.ack(new RecordPosition(1, 0, 40, 0));
        assertThat(onDisk()).as("left to the timer").isNull();
        assertThat(SegmentFiles.list(dir)).containsExactly(1L, 2L);

        position.ack(new RecordPosition(1, 40, 100, 1));
        assertThat(onDisk()).as("persisted before segment 1 was deleted").isEqualTo(new PositionFile.Pos(1, 100, 2));
        assertThat(SegmentFiles.list(dir)).containsExactly(2L);
    }

    @Test
    void aSkippedDamagedRangeCountsAsAcknowledgedAndKeepsTheNextSequenceNumber() throws Exception {
        AcknowledgedPosition position = open(FsyncPolicy.BATCH, 0, 100);
        position.skipped(1, 100);
        assertThat(onDisk()).isEqualTo(new PositionFile.Pos(1, 100, 0));
        assertThat(SegmentFiles.list(dir)).containsExactly(2L);
    }

    @Test
    void anAcknowledgementOfARecordNotReadYetIsRefused() throws Exception {
        AcknowledgedPosition position = open(FsyncPolicy.BATCH, 1, 100);
        assertThatThrownBy(() -> position.ack(new RecordPosition(1, 0, 100, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not read yet");
    }

    @Test
    void afterCloseAcknowledgementsChangeNothingOnDisk() throws Exception {
        AcknowledgedPosition position = open(FsyncPolicy.BATCH, 1, 100);
        position.recordRead(0, 1, 100);
        table.close();
        position.ack(new RecordPosition(1, 0, 100, 0));
        assertThat(onDisk()).isNull();
        assertThat(SegmentFiles.list(dir)).containsExactly(1L, 2L);
    }

    @Test
    void segmentsARestartLeftBehindThePositionAreDeletedAtOpen() throws Exception {
        // A crash came after read.pos reached the end of segment 1 and before its file was deleted.
        AcknowledgedPosition position = open(FsyncPolicy.BATCH, new PositionFile.Pos(1, 100, 7), 0, 100, 0, 50);
        position.deleteAcknowledged();
        assertThat(SegmentFiles.list(dir)).as("segment 1 behind the front, segment 2 empty").containsExactly(3L, 4L);
        assertThat(table.usedBytes()).isEqualTo(50);
    }

    @Test
    void manyThreadsAcknowledgingInTurnLeaveNothingPending() throws Exception {
        // Sink threads acknowledging nearly in read order: almost every acknowledgement moves the front, so
        // acknowledgements racing to move it are the common case, not the rare one.
        int records = 40_000;
        int threads = 4;
        AcknowledgedPosition position = open(FsyncPolicy.INTERVAL, records, records * 10L);
        for (int seq = 0; seq < records; seq++) position.recordRead(seq, 1, (seq + 1) * 10L);
        List<Thread> acking = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            acking.add(new Thread(() -> {
                for (int seq = first; seq < records; seq += threads) {
                    position.ack(new RecordPosition(1, seq * 10L, (seq + 1) * 10L, seq));
                }
            }));
        }
        acking.forEach(Thread::start);
        for (Thread t : acking) t.join();
        assertThat(table.pendingRecords()).isZero();
        assertThat(onDisk()).isEqualTo(new PositionFile.Pos(1, records * 10L, records));
        assertThat(SegmentFiles.list(dir)).containsExactly(2L);
    }
}
