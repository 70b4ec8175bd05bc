package io.sluice.core.pipeline;

import io.sluice.core.buffer.BoundedQueue;
import io.sluice.core.buffer.MemoryBudget;

import java.util.List;

/** The memory buffer of a sink: a byte-bounded FIFO of routed batches, lost if the process stops. */
final class MemorySinkQueue implements SinkQueue {
    private final BoundedQueue<OutputBatch> queue;
    private final MemoryBudget budget;

    MemorySinkQueue(long maxBytes, MemoryBudget budget) {
        this.queue = new BoundedQueue<>(maxBytes, b -> b.bytes);
        this.budget = budget;
    }

    @Override
    public boolean put(OutputBatch batch) throws InterruptedException {
        budget.acquire(batch.bytes);
        if (queue.put(batch)) return true;
        budget.release(batch.bytes);
        return false;
    }

    @Override
    public boolean offer(OutputBatch batch) {
        if (!budget.tryAcquire(batch.bytes)) return false;
        if (queue.offer(batch)) return true;
        budget.release(batch.bytes);
        return false;
    }

    @Override
    public List<OutputBatch> takeGroup(long firstWaitMillis, long maxDelayMillis, int maxEvents, long maxBytes)
            throws InterruptedException {
        List<OutputBatch> group = queue.takeGroup(firstWaitMillis, maxDelayMillis, maxEvents, maxBytes, OutputBatch::size);
        long bytes = 0;
        for (OutputBatch b : group) bytes += b.bytes;
        budget.release(bytes);
        return group;
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
        List<OutputBatch> rest = queue.drainRemaining();
        for (OutputBatch b : rest) budget.release(b.bytes);
        return rest;
    }
}
