package io.sluice.core.pipeline;

import io.sluice.core.buffer.BoundedQueue;

import java.util.List;

/** The memory buffer of a sink: a byte-bounded FIFO of routed batches, lost if the process stops. */
final class MemorySinkQueue implements SinkQueue {
    private final BoundedQueue<OutputBatch> queue;

    MemorySinkQueue(long maxBytes) {
        this.queue = new BoundedQueue<>(maxBytes, b -> b.bytes);
    }

    @Override
    public boolean put(OutputBatch batch) throws InterruptedException {
        return queue.put(batch);
    }

    @Override
    public boolean offer(OutputBatch batch) {
        return queue.offer(batch);
    }

    @Override
    public List<OutputBatch> takeGroup(long firstWaitMillis, long maxDelayMillis, int maxEvents, long maxBytes)
            throws InterruptedException {
        return queue.takeGroup(firstWaitMillis, maxDelayMillis, maxEvents, maxBytes, OutputBatch::size);
    }

    @Override
    public boolean isEmpty() {
        return queue.size() == 0;
    }

    @Override
    public long bytes() {
        return queue.bytes();
    }

    @Override
    public long maxBytes() {
        return queue.maxBytes();
    }

    @Override
    public void close() {
        queue.close();
    }

    @Override
    public List<OutputBatch> abandon() {
        queue.close();
        return queue.drainRemaining();
    }
}
