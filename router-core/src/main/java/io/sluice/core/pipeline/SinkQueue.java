package io.sluice.core.pipeline;

import java.io.IOException;
import java.util.List;

/**
 * The buffer in front of one sink: in memory ({@link MemorySinkQueue}) or on disk
 * ({@link DiskSinkQueue}). Workers put routed batches in; the sink runner takes groups out and
 * calls {@code delivered()} on each batch of a group once the sink has it.
 */
interface SinkQueue {
    /**
     * Takes responsibility for the batch: blocks while full; returns false when it could not (the
     * queue closed at shutdown), and the caller counts the batch as undelivered.
     */
    boolean put(SinkSlice batch) throws InterruptedException;

    /** Adds only if there is room now (policy drop_newest). */
    boolean offer(SinkSlice batch);

    /** A group for one send: see {@link io.sluice.core.buffer.BoundedQueue#takeGroup}. */
    List<SinkSlice> takeGroup(long firstWaitMillis, long maxDelayMillis, int maxEvents, long maxBytes)
            throws InterruptedException;

    /** Nothing waits to be taken. */
    boolean isEmpty();

    long bytes();

    long maxBytes();

    /** Wakes waiters; puts fail from now on. */
    void close() throws IOException;

    /**
     * What shutdown must give up on: the batches still queued in memory. A disk queue returns none,
     * its events stay on disk for the next start.
     */
    List<SinkSlice> abandon();

    /**
     * True when events a sink could not deliver before shutdown stay in the buffer for the next
     * start; then an abandoned group must not be acknowledged.
     */
    /** Records written and not yet acknowledged by the sink: what a disk buffer keeps for the next start. */
    default long unacknowledgedRecords() {
        return 0;
    }

    default boolean keepsUndelivered() {
        return false;
    }
}
