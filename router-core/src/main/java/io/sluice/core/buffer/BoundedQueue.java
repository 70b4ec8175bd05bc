package io.sluice.core.buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * A FIFO of batches bounded in bytes, the memory buffer in front of each sink. A put into a full
 * queue blocks (policy {@code block}) or is refused (policy {@code drop_newest}, the caller counts
 * it). A lone batch larger than the bound is still taken when the queue is empty, so no batch size
 * can wedge the pipeline.
 *
 * <p>A taker is woken only once the queue holds what completes its group (or half the queue is used,
 * or a writer would block, or the group's delay runs out, or the queue closes), not by every put:
 * each wake is a park and unpark of the sink thread, and a group of the default 1000 events used to
 * take one for its first batch and one for each batch after (docs/performance.md, "Session 13: the
 * sink thread").
 */
public final class BoundedQueue<T> {
    private final long maxBytes;
    private final ToLongFunction<T> sizeOf;
    private final ToLongFunction<T> countOf;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Takers waiting for what completes their group (the first items too). */
    private final Condition groupReady = lock.newCondition();
    /** Writers waiting for room. */
    private final Condition room = lock.newCondition();
    private long bytes;
    /** The events (by {@code countOf}) of the queued items. */
    private long count;
    /** Guarded by lock: the least a waiting partial group needs to be complete, in events and bytes. */
    private long groupNeedsCount = Long.MAX_VALUE;
    private long groupNeedsBytes = Long.MAX_VALUE;
    /**
     * Guarded by lock: a waiting taker with no group yet sleeps until its first wait ends; a first item
     * put before this (System.nanoTime) must wake it, or its group would wait past {@code maxDelay}.
     */
    private long firstItemWakesBefore = Long.MIN_VALUE;
    /** When the item at the head arrived in an empty queue (System.nanoTime): a group's delay starts there. */
    private long headArrivedNanos;
    private boolean closed;

    /** {@code countOf}: an item's events, what a group's {@code maxItems} counts. */
    public BoundedQueue(long maxBytes, ToLongFunction<T> sizeOf, ToLongFunction<T> countOf) {
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
        this.countOf = countOf;
    }

    /** Blocks until the item fits; false when the queue was closed meanwhile. */
    public boolean put(T item) throws InterruptedException {
        long size = sizeOf.applyAsLong(item);
        lock.lock();
        try {
            while (!closed && bytes > 0 && bytes + size > maxBytes) {
                wakeGroupTakers(); // what is queued may be all the group gets: it must be taken to make room
                room.await();
            }
            if (closed) return false;
            add(item, size);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Adds only if it fits now. */
    public boolean offer(T item) {
        long size = sizeOf.applyAsLong(item);
        lock.lock();
        try {
            if (closed || (bytes > 0 && bytes + size > maxBytes)) return false;
            add(item, size);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void add(T item, long size) {
        boolean first = items.isEmpty();
        items.addLast(item);
        bytes += size;
        count += countOf.applyAsLong(item);
        if (first) {
            headArrivedNanos = System.nanoTime();
            if (headArrivedNanos < firstItemWakesBefore) wakeGroupTakers();
        }
        // half the queue is the most a forming group leaves in it, so the buffer's gauge and health see
        // what they saw when every put was taken at once
        if (count >= groupNeedsCount || bytes >= groupNeedsBytes || 2 * bytes >= maxBytes) wakeGroupTakers();
    }

    private void wakeGroupTakers() {
        if (groupNeedsCount == Long.MAX_VALUE && firstItemWakesBefore == Long.MIN_VALUE) return;
        groupNeedsCount = Long.MAX_VALUE;
        groupNeedsBytes = Long.MAX_VALUE;
        firstItemWakesBefore = Long.MIN_VALUE;
        groupReady.signalAll();
    }

    /**
     * Takes a group of items for one write: waits up to {@code firstWait} for one, then, until
     * {@code maxDelay} after it arrived (after this call, for one queued before), more while the group
     * stays within {@code maxItems} and {@code maxBytes} (counted by the queue's {@code countOf} and
     * size function). Empty when none came.
     */
    public List<T> takeGroup(long firstWaitMillis, long maxDelayMillis, int maxItems, long maxGroupBytes)
            throws InterruptedException {
        List<T> out = new ArrayList<>();
        long groupCount = 0;
        long groupBytes = 0;
        long maxDelay = TimeUnit.MILLISECONDS.toNanos(maxDelayMillis);
        lock.lock();
        try {
            long now = System.nanoTime();
            long firstDeadline = now + TimeUnit.MILLISECONDS.toNanos(firstWaitMillis);
            long groupDeadline = items.isEmpty() ? Long.MAX_VALUE : now + maxDelay;
            while (true) {
                while (!items.isEmpty()) {
                    T next = items.peekFirst();
                    long n = countOf.applyAsLong(next);
                    long b = sizeOf.applyAsLong(next);
                    if (!out.isEmpty() && (groupCount + n > maxItems || groupBytes + b > maxGroupBytes)) return finish(out);
                    items.pollFirst();
                    bytes -= b;
                    count -= n;
                    out.add(next);
                    groupCount += n;
                    groupBytes += b;
                }
                if (groupCount >= maxItems || groupBytes >= maxGroupBytes || closed) return finish(out);
                now = System.nanoTime();
                long wakeAt = out.isEmpty() ? firstDeadline : groupDeadline;
                if (now - wakeAt >= 0) return finish(out);
                if (!out.isEmpty()) room.signalAll(); // what was taken made room: writers blocked in put() may add to this group
                // wake when the queue holds enough to reach a limit: then this group is complete
                groupNeedsCount = Math.min(groupNeedsCount, maxItems - groupCount);
                groupNeedsBytes = Math.min(groupNeedsBytes, maxGroupBytes - groupBytes);
                if (out.isEmpty()) firstItemWakesBefore = Math.max(firstItemWakesBefore, wakeAt - maxDelay);
                groupReady.awaitNanos(wakeAt - now);
                if (out.isEmpty() && !items.isEmpty() && groupDeadline == Long.MAX_VALUE) {
                    groupDeadline = headArrivedNanos + maxDelay; // the first item came while this taker slept
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private List<T> finish(List<T> out) {
        room.signalAll(); // room was made
        return out;
    }

    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Wakes everyone; puts fail from now on, takes drain what is left. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            groupReady.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns everything still queued (for counting what could not be delivered). */
    public List<T> drainRemaining() {
        lock.lock();
        try {
            List<T> rest = new ArrayList<>(items);
            items.clear();
            bytes = 0;
            count = 0;
            room.signalAll();
            return rest;
        } finally {
            lock.unlock();
        }
    }
}
