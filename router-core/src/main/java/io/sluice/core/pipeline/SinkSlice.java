package io.sluice.core.pipeline;

/**
 * The events of one {@link EventBatch} routed to one sink: a view by index, no copy. This is what a
 * sink's buffer holds; the runner joins several into a {@link SendGroup} for one send.
 */
final class SinkSlice {
    final EventBatch batch;
    final int[] indexes;
    final long bytes;

    SinkSlice(EventBatch batch, int[] indexes) {
        this.batch = batch;
        this.indexes = indexes;
        long b = 0;
        for (int i : indexes) b += batch.jsonLength(i);
        this.bytes = b;
    }

    int size() {
        return indexes.length;
    }
}
