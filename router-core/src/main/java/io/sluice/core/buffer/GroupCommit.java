package io.sluice.core.buffer;

import io.sluice.core.health.RateLimitedLog;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forces appended records to the disk, one fsync for every appender waiting at the time (group commit): with
 * fsync {@code batch} each appender calls {@link #syncUpTo} after its write, with {@code interval} the
 * {@link FsyncTimer} does, and {@link DiskBuffer#flush} and close do.
 *
 * <p>Threads: the {@link SegmentWriter} publishes each record it wrote ({@link #written}, under its append lock)
 * and each segment it forced before sealing it ({@link #sealed}); any thread syncs. {@code lock} lets one fsync
 * run at a time, so that the others find their record durable when they get it. The file and the last record
 * written to it are published together in {@code tail}, so a sync never forces one file and claims another's
 * records.
 */
final class GroupCommit {
    /** The file appended to and the last record written (to it, or to a sealed segment forced before). */
    private record Tail(RandomAccessFile file, long lastSeq) {}

    private final Object lock = new Object();
    private final AtomicLong durableSeq = new AtomicLong(-1);
    private final String name;
    private final DiskBufferCounters counters;
    private final RateLimitedLog rateLimited;
    private volatile Tail tail;

    GroupCommit(RandomAccessFile file, String name, DiskBufferCounters counters, RateLimitedLog rateLimited) {
        this.tail = new Tail(file, -1);
        this.name = name;
        this.counters = counters;
        this.rateLimited = rateLimited;
    }

    /** The record {@code seq} was written to {@code file}. */
    void written(RandomAccessFile file, long seq) {
        tail = new Tail(file, seq);
    }

    /** The writer forced the segment it is about to seal: every record written so far is durable. */
    void sealed() {
        durableSeq.accumulateAndGet(tail.lastSeq(), Math::max);
    }

    /** The writer moved on to a fresh segment file. */
    void rolledTo(RandomAccessFile file) {
        tail = new Tail(file, tail.lastSeq());
    }

    /** Forces everything written so far. */
    void syncAll() throws IOException {
        syncUpTo(tail.lastSeq());
    }

    /** Like {@link #syncAll}, reporting a failure (counted, logged) instead of throwing it. */
    void syncAllQuietly() {
        syncQuietly(tail.lastSeq());
    }

    /** Like {@link #syncUpTo}, reporting a failure (counted, logged) instead of throwing it. */
    void syncQuietly(long seq) {
        try {
            syncUpTo(seq);
        } catch (IOException e) {
            counters.fsyncErrors.increment();
            rateLimited.error("fsync", "disk buffer {}: fsync failed ({}); records written since the last successful "
                    + "fsync may be lost if the machine crashes; check the disk", name, e.toString());
        }
    }

    /** Forces everything written up to {@code seq} to the disk; one fsync covers every appender waiting. */
    void syncUpTo(long seq) throws IOException {
        synchronized (lock) {
            if (durableSeq.get() >= seq) return;
            Tail t = tail;
            try {
                t.file().getFD().sync();
                counters.fsyncs.increment();
            } catch (IOException e) {
                // A roll closed it after forcing it (and recording that); otherwise a real failure.
                if (durableSeq.get() < seq) throw e;
            }
            durableSeq.accumulateAndGet(t.lastSeq(), Math::max);
        }
    }
}
