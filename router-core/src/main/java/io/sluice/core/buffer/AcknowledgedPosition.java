package io.sluice.core.buffer;

import io.sluice.core.health.RateLimitedLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The acknowledged position of a {@link DiskBuffer}: takes acknowledgements (in any order) and the reader's damage
 * skips, makes the position durable in {@code read.pos} ({@link PositionFile}) and deletes segments once every
 * record in them is acknowledged. With fsync {@code batch} the position is persisted on every acknowledgement that
 * moves it; with {@code interval} by the {@link FsyncTimer}, and always before a segment file is deleted, so a
 * crash never leaves a position in front of a deleted segment (segments a crash leaves behind the position are
 * deleted by {@link BufferRecovery} at the next start).
 *
 * <p>Threads: acknowledgements from any thread, skips from the reader, persisting from the timer and close too.
 * The in-memory position moves in the {@link SegmentTable} (under its lock, with the {@link AckWindow}); file
 * writes and deletions run outside it. {@code persistLock} lets one thread at a time write {@code read.pos} and
 * guards {@code persisted}, so an older position is never written over a newer one.
 */
final class AcknowledgedPosition {
    private final Path dir;
    private final String name;
    private final FsyncPolicy fsync;
    private final DiskBufferCounters counters;
    private final RateLimitedLog rateLimited;
    private final SegmentTable table;

    private final Object persistLock = new Object();
    private PositionFile.Pos persisted;

    AcknowledgedPosition(Path dir, String name, FsyncPolicy fsync, DiskBufferCounters counters,
                         RateLimitedLog rateLimited, SegmentTable table) {
        this.dir = dir;
        this.name = name;
        this.fsync = fsync;
        this.counters = counters;
        this.rateLimited = rateLimited;
        this.table = table;
    }

    /** See {@link DiskBuffer#ack}. */
    void ack(RecordPosition position) {
        List<Segment> done = table.acknowledge(position.seq());
        counters.recordsAcked.increment();
        moved(done);
    }

    /** The reader handed out a record; it now waits in the window for its acknowledgement. */
    void recordRead(long seq, long segment, long end) {
        table.recordRead(seq, segment, end);
    }

    /** The reader skipped a damaged range up to {@code end}: it counts as acknowledged. */
    void skipped(long segment, long end) {
        moved(table.skipped(segment, end));
    }

    /** Deletes the segments a restart left behind the position (at open; the position on disk is already there). */
    void deleteAcknowledged() {
        deleteFiles(table.removeAcknowledged());
    }

    private void moved(List<Segment> done) {
        if (done == null) return;
        if (fsync == FsyncPolicy.BATCH || !done.isEmpty()) persistQuietly();
        deleteFiles(done);
    }

    private void deleteFiles(List<Segment> done) {
        for (Segment s : done) {
            try {
                Files.deleteIfExists(s.path);
                counters.segmentsDeleted.increment();
            } catch (IOException e) {
                rateLimited.warn("delete", "disk buffer {}: cannot delete acknowledged segment {} ({}); it will be "
                        + "deleted on the next start", name, s.path, e.toString());
            }
        }
    }

    /** Like {@link #persist}, reporting a failure (counted, logged) instead of throwing it. */
    void persistQuietly() {
        try {
            persist();
        } catch (IOException e) {
            counters.positionErrors.increment();
            rateLimited.error("position", "disk buffer {}: cannot persist the read position in {} ({}); after a "
                    + "restart records may be delivered again", name, dir, e.toString());
        }
    }

    /** Writes the acknowledged position to {@code read.pos} unless it is there already. */
    void persist() throws IOException {
        synchronized (persistLock) {
            PositionFile.Pos p = table.front();
            if (p.equals(persisted)) return;
            PositionFile.write(dir, p);
            persisted = p;
        }
    }
}
