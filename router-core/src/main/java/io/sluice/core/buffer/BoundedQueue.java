package io.sluice.core.buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * A FIFO of batches bounded in bytes, the memory buffer in front of each sink. A put into a full
 * queue blocks (policy {@code block}) or is refused (policy {@code drop_newest}, the caller counts
 * it). A lone batch larger than the bound is still taken when the queue is empty, so no batch size
 * can wedge the pipeline.
 */
public final class BoundedQueue<T> {
    private final long maxBytes;
    private final ToLongFunction<T> sizeOf;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    public BoundedQueue(long maxBytes, ToLongFunction<T> sizeOf) {
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
    }

    /** Blocks until the item fits; false when the queue was closed meanwhile. */
    public synchronized boolean put(T item) throws InterruptedException {
        long size = sizeOf.applyAsLong(item);
        while (!closed && bytes > 0 && bytes + size > maxBytes) wait();
        if (closed) return false;
        add(item, size);
        return true;
    }

    /** Adds only if it fits now. */
    public synchronized boolean offer(T item) {
        long size = sizeOf.applyAsLong(item);
        if (closed || (bytes > 0 && bytes + size > maxBytes)) return false;
        add(item, size);
        return true;
    }

    private void add(T item, long size) {
        items.addLast(item);
        bytes += size;
        notifyAll();
    }

    /**
     * Takes a group of items for one write: waits up to {@code firstWait} for one, then, until
     * {@code maxDelay} after that, more while the group stays within {@code maxItems} and
     * {@code maxBytes} (counted by {@code countOf} and the size function). Empty when none came.
     */
    public List<T> takeGroup(long firstWaitMillis, long maxDelayMillis, int maxItems, long maxGroupBytes,
                             ToLongFunction<T> countOf) throws InterruptedException {
        List<T> out = new ArrayList<>();
        long count = 0;
        long groupBytes = 0;
        synchronized (this) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(firstWaitMillis);
            while (items.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) return out;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            long groupDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxDelayMillis);
            while (true) {
                while (!items.isEmpty()) {
                    T next = items.peekFirst();
                    long n = countOf.applyAsLong(next);
                    long b = sizeOf.applyAsLong(next);
                    if (!out.isEmpty() && (count + n > maxItems || groupBytes + b > maxGroupBytes)) return finish(out);
                    items.pollFirst();
                    bytes -= b;
                    out.add(next);
                    count += n;
                    groupBytes += b;
                }
                if (count >= maxItems || groupBytes >= maxGroupBytes || closed) return finish(out);
                long left = groupDeadline - System.nanoTime();
                if (left <= 0) return finish(out);
                notifyAll(); // what was taken made room: writers blocked in put() may add to this group
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private List<T> finish(List<T> out) {
        notifyAll(); // room was made
        return out;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return items.size();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Wakes everyone; puts fail from now on, takes drain what is left. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Removes and returns everything still queued (for counting what could not be delivered). */
    public synchronized List<T> drainRemaining() {
        List<T> rest = new ArrayList<>(items);
        items.clear();
        bytes = 0;
        notifyAll();
        return rest;
    }
}
