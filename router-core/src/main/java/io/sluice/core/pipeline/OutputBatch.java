package io.sluice.core.pipeline;

/** The events of one {@link EventBatch} routed to one sink: a view by index, no copy. */
final class OutputBatch {
    final EventBatch batch;
    final int[] indexes;
    final long bytes;

    OutputBatch(EventBatch batch, int[] indexes) {
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
