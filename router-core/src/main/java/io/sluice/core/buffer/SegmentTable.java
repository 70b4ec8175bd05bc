package io.sluice.core.buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The shape of an open {@link DiskBuffer} in memory: its segments and their committed sizes, the acknowledged
 * position (the front of the log), the room reserved by appenders, the records pending, and whether it is closed.
 * The writer, the reader and the acknowledgements all meet here, so this is the one lock they share.
 *
 * <p>Threads: appenders ({@link SegmentWriter}) reserve room, publish written records and roll segments; readers
 * ({@link SegmentReader}) wait here for data; acknowledging threads and the reader's damage skips move the front
 * ({@link AcknowledgedPosition}); the metrics read the gauges. Every field is guarded by {@code lock}: appenders
 * wait on {@code space} (signalled when the front moves, a write ends or the buffer closes), readers on
 * {@code data} (signalled when a record is written or a segment rolls). No I/O runs under the lock.
 *
 * <p>The {@link AckWindow} is kept here rather than beside the persisted position because moving the window and
 * moving the front must be one step: two acknowledgements applied in the wrong order would leave the pending count
 * too high.
 */
final class SegmentTable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition space = lock.newCondition();
    private final Condition data = lock.newCondition();
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final AckWindow window = new AckWindow();
    private final long maxBytes;
    private final DiskBufferCounters counters;
    private Segment active;
    private long reserved;
    private long pendingRecords;
    private PositionFile.Pos front;
    private boolean closed;

    /** Where a reader can read now: {@code offset} up to {@code limit} of {@code segment}, or a damaged range to
     *  jump over to {@code skipTo} (null when the offset is no known damage). */
    record Readable(Segment segment, long offset, long limit, Long skipTo) {}

    SegmentTable(List<Segment> recovered, Segment active, PositionFile.Pos front, long pendingRecords, long maxBytes,
                 DiskBufferCounters counters) {
        for (Segment s : recovered) segments.put(s.id, s);
        this.active = active;
        segments.put(active.id, active);
        this.front = front;
        this.pendingRecords = pendingRecords;
        this.maxBytes = maxBytes;
        this.counters = counters;
    }

    // ---------------------------------------------------------------- for the writer

    /** Waits for room (block) or gives up (drop_newest, counted), then reserves it; false when refused or closed. */
    boolean reserve(int total, boolean block) throws InterruptedException {
        lock.lock();
        try {
            boolean waited = false;
            while (!closed && isFull(total)) {
                if (!block) {
                    counters.appendsRefused.increment();
                    return false;
                }
                if (!waited) counters.appendsBlocked.increment();
                waited = true;
                space.await();
            }
            if (closed) return false;
            reserved += total;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void release(int total) {
        lock.lock();
        try {
            reserved -= total;
            space.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // A record larger than the bound is still taken when the buffer is empty, so no size can wedge it.
    private boolean isFull(int total) {
        long used = usedBytesLocked() + reserved;
        return used > 0 && used + total > maxBytes;
    }

    /** A record was written completely to the end of the active segment, which now ends at {@code size}. */
    void appended(long size) {
        lock.lock();
        try {
            active.size = size;
            pendingRecords++;
            data.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Seals the active segment (already forced to the disk) and makes {@code next} the one appended to. */
    void rolled(Segment next) {
        lock.lock();
        try {
            active.sealed = true;
            active = next;
            segments.put(next.id, next);
            data.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After a failed write: waits a second for the disk to have room; false when the buffer was closed. */
    boolean awaitRetry() throws InterruptedException {
        lock.lock();
        try {
            if (!closed) space.await(1, TimeUnit.SECONDS);
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- for the reader

    /**
     * Waits until the reader at ({@code segmentId}, {@code offset}) has something to read, moving it over
     * segments that are gone (acknowledged) or sealed and read to their end. Null on the deadline
     * ({@link System#nanoTime}) or when closed.
     */
    Readable awaitReadable(long segmentId, long offset, long deadline) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (closed) return null;
                Segment seg = segments.ceilingEntry(segmentId).getValue(); // the active segment is always there
                if (seg.id != segmentId) {
                    segmentId = seg.id;
                    offset = 0;
                }
                if (offset < seg.size) return new Readable(seg, offset, seg.size, seg.skips.get(offset));
                if (seg.sealed) {
                    segmentId = seg.id + 1;
                    offset = 0;
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                data.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- the front: acknowledgements

    /** The reader handed out the record {@code seq}, which ends at {@code end} of {@code segment}. */
    void recordRead(long seq, long segment, long end) {
        lock.lock();
        try {
            window.read(seq, segment, end);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The record {@code seq} is delivered: the front moves over the acknowledged prefix. Returns the sealed
     * segments now wholly behind the front (removed from the table; the caller deletes their files), or null when
     * the front did not move.
     *
     * @throws IllegalArgumentException for a record not read yet
     */
    List<Segment> acknowledge(long seq) {
        return underLock(() -> advance(window.ack(seq)));
    }

    /** The reader skipped a damaged range up to {@code end}; like {@link #acknowledge}. */
    List<Segment> skipped(long segment, long end) {
        return underLock(() -> advance(window.skip(segment, end)));
    }

    private List<Segment> advance(AckWindow.Advance a) {
        if (a == null || closed) return null; // closed: the directory may belong to someone else now; these come again
        PositionFile.Pos next = new PositionFile.Pos(a.segment(), a.end(),
                a.lastSeq() >= 0 ? a.lastSeq() + 1 : front.nextSeq());
        if (!next.isAfter(front)) return null;
        front = next;
        pendingRecords -= a.records();
        List<Segment> done = removeAcknowledgedLocked();
        space.signalAll();
        return done;
    }

    /** Removes the sealed segments every record of which is acknowledged (at open: those recovery left). */
    List<Segment> removeAcknowledged() {
        return underLock(() -> removeAcknowledgedLocked());
    }

    private List<Segment> removeAcknowledgedLocked() {
        List<Segment> done = new ArrayList<>();
        for (Segment s : segments.values()) {
            if (s == active) break;
            // In order: behind the front, or ending at it, or empty (left by a restart) right after it.
            if (s.id < front.segment() || (s.id == front.segment() && front.offset() >= s.size) || s.size == 0) {
                done.add(s);
            } else {
                break;
            }
        }
        for (Segment s : done) segments.remove(s.id);
        return done;
    }

    /** The acknowledged position, to persist. */
    PositionFile.Pos front() {
        return underLock(() -> front);
    }

    // ---------------------------------------------------------------- gauges and closing

    /** Bytes appended and not yet acknowledged (what max_bytes bounds). */
    long usedBytes() {
        return underLock(() -> usedBytesLocked());
    }

    private long usedBytesLocked() {
        long used = 0;
        for (Segment s : segments.tailMap(front.segment(), true).values()) used += s.size;
        if (segments.containsKey(front.segment())) used -= front.offset();
        return used;
    }

    long pendingRecords() {
        return underLock(() -> pendingRecords);
    }

    int segmentCount() {
        return underLock(() -> segments.size());
    }

    /** Runs a short read or update of the table under the lock (not for the hot append path: it allocates). */
    private <T> T underLock(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the buffer closed and wakes every waiting appender and reader; false when it was closed already. */
    boolean close() {
        lock.lock();
        try {
            if (closed) return false;
            closed = true;
            space.signalAll();
            data.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }
}
