package io.sluice.inputs.kafka;

import io.sluice.api.plugin.Source;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One assigned partition: its {@link Source} and where it stands. Positions are Kafka commit
 * offsets (the offset of the next record to read), so an acknowledged position can be committed as
 * it is. Used by the consumer thread, except {@link #acknowledged}, which pipeline threads call.
 */
final class PartitionStream {
    private final TopicPartition partition;
    private final AtomicLong acked = new AtomicLong(-1);
    private Source source;
    private long published = -1;
    // the offset of the first record read since assignment: the floor of the lag until something is acknowledged
    private long first = -1;
    private long sent = -1;
    private boolean paused;

    PartitionStream(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() { return partition; }
    Source source() { return source; }
    void source(Source source) { this.source = source; }
    boolean paused() { return paused; }
    void paused(boolean paused) { this.paused = paused; }

    /** The AckListener: every sink has the records before {@code position}. Calls come in order. */
    void acknowledged(long position) {
        acked.set(position);
    }

    void published(long position) {
        published = position;
    }

    /** The offset of a record read; only the first one since assignment is kept. */
    void read(long offset) {
        if (first < 0) first = offset;
    }

    /**
     * Records between the last acknowledged position and {@code endOffset} (read and in flight, or not
     * read yet). Before anything is acknowledged the floor is the first record read, else
     * {@code position} (the consumer's, or -1 when unknown, in which case this reports 0).
     */
    long lag(long endOffset, long position) {
        long a = acked.get();
        long floor = a >= 0 ? a : first >= 0 ? first : position;
        return floor < 0 ? 0 : Math.max(0, endOffset - floor);
    }

    /** True when every published record has been acknowledged. */
    boolean drained() {
        return acked.get() >= published;
    }

    /** The offset to commit now, or null when nothing new was acknowledged since the last commit. */
    OffsetAndMetadata toCommit() {
        long a = acked.get();
        if (a <= sent) return null;
        sent = a;
        return new OffsetAndMetadata(a);
    }

    /** An asynchronous commit of {@code offset} failed: offer it again next time. */
    void commitFailed(long offset) {
        if (sent == offset) sent = -1;
    }
}
