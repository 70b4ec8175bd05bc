package io.sluice.core.buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What {@link DiskBuffer#open} does before anything runs: reads the position, drops segments behind it, scans
 * the rest (quarantining and truncating damage, see {@link SegmentScan}) and works out where reading resumes
 * and which sequence number comes next. Never fails for damage, only when the directory cannot be read.
 */
final class BufferRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);

    /** A segment kept, with its size after recovery and the damaged ranges the reader must skip. */
    record Kept(long id, long size, TreeMap<Long, Long> skips) {}

    final List<Kept> segments = new ArrayList<>();
    /** Where reading resumes. */
    PositionFile.Pos position;
    long nextSeq;
    long records;
    /** The id of the fresh segment appends go to. */
    long newSegmentId;

    private BufferRecovery() {}

    static BufferRecovery run(Path dir, String name, Quarantine quarantine, DamageLog damageLog,
                              DiskBufferCounters counters) throws IOException {
        BufferRecovery r = new BufferRecovery();
        SegmentFiles.deleteTemporaries(dir);
        List<Long> ids = SegmentFiles.list(dir);
        PositionFile.Read read = PositionFile.read(dir);
        PositionFile.Pos pos = read.pos();
        if (read.problem() != null) {
            counters.positionErrors.increment();
            LOG.error("disk buffer {}: the read position in {} is unusable ({}); reading again from the oldest "
                    + "segment, so records already delivered may be delivered twice", name, dir, read.problem());
        } else if (pos == null && !ids.isEmpty()) {
            LOG.warn("disk buffer {}: {} has segments but no read position ({} missing); reading from the oldest "
                    + "segment, so records already delivered may be delivered twice", name, dir, PositionFile.NAME);
        }
        if (pos == null) pos = new PositionFile.Pos(ids.isEmpty() ? 1 : ids.get(0), 0, 0);
        List<Long> kept = new ArrayList<>();
        for (long id : ids) {
            if (id >= pos.segment()) {
                kept.add(id);
            } else {
                // Fully acknowledged: a crash came between persisting the position and deleting the segment.
                Files.deleteIfExists(SegmentFiles.path(dir, id));
                counters.segmentsDeleted.increment();
            }
        }
        // The position's own segment is gone when it was fully acknowledged: resume at the next one.
        if (!kept.isEmpty() && kept.get(0) > pos.segment()) pos = new PositionFile.Pos(kept.get(0), 0, pos.nextSeq());
        long maxSeq = pos.nextSeq() - 1;
        SequenceGaps gaps = new SequenceGaps(read.pos() != null ? pos.nextSeq() : -1);
        long bytes = 0;
        for (long id : kept) {
            long from = id == pos.segment() ? pos.offset() : 0;
            SegmentScan scan = SegmentScan.run(dir, id, from, SegmentScan.Mode.RECOVER, quarantine, null);
            if (id == pos.segment() && pos.offset() > scan.size) {
                LOG.warn("disk buffer {}: the read position is past the end of {} ({} > {} bytes): its last records "
                        + "were lost by an OS crash before reaching the disk; they had been delivered already",
                        name, scan.name, pos.offset(), scan.size);
                pos = new PositionFile.Pos(id, scan.size, pos.nextSeq());
            }
            for (BufferDamage d : scan.damage) damageLog.report(d, "on open");
            for (String problem : scan.problems) damageLog.problem(scan.name, problem);
            gaps.segment(scan.name, scan.firstSeq, scan.lastSeq, scan.damage);
            maxSeq = Math.max(maxSeq, scan.lastSeq);
            r.records += scan.records;
            bytes += scan.recordBytes;
            r.segments.add(new Kept(id, scan.size, scan.skips));
        }
        for (BufferDamage d : gaps.found()) damageLog.report(d, "on open");
        r.nextSeq = maxSeq + 1;
        // Appends always go to a fresh segment: never after a tail that was damaged.
        r.newSegmentId = kept.isEmpty() ? Math.max(1, pos.segment() + (read.pos() != null ? 1 : 0))
                : kept.get(kept.size() - 1) + 1;
        r.position = kept.isEmpty() ? new PositionFile.Pos(r.newSegmentId, 0, r.nextSeq) : pos;
        if (r.records > 0) {
            LOG.info("disk buffer {}: {} records ({} bytes) from before the restart are waiting for delivery",
                    name, r.records, bytes);
        }
        return r;
    }
}
