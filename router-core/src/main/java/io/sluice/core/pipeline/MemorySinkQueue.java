package io.sluice.core.pipeline;

import io.sluice.core.buffer.BoundedQueue;
import io.sluice.core.buffer.MemoryBudget;

import java.util.List;

/** The memory buffer of a sink: a byte-bounded FIFO of routed batches, lost if the process stops. */
final class MemorySinkQueue implements SinkQueue {
    private final BoundedQueue<SinkSlice> queue;
    private final MemoryBudget budget;

    MemorySinkQueue(long maxBytes, MemoryBudget budget) {
        this.queue = new BoundedQueue<>(maxBytes, b -> b.bytes, SinkSlice::size);
        this.budget = budget;
    }

    @Override
    public boolean put(SinkSlice batch) throws InterruptedException {
        budget.acquire(batch.bytes);
        if (queue.put(batch)) return true;
        budget.release(batch.bytes);
        return false;
    }

    @Override
    public boolean offer(SinkSlice batch) {
        if (!budget.tryAcquire(batch.bytes)) return false;
        if (queue.offer(batch)) return true;
        budget.release(batch.bytes);
        return false;
    }

    @Override
    public List<SinkSlice> takeGroup(long firstWaitMillis, long maxDelayMillis, int maxEvents, long maxBytes)
            throws InterruptedException {
        List<SinkSlice> group = queue.takeGroup(firstWaitMillis, maxDelayMillis, maxEvents, maxBytes);
        long bytes = 0;
        for (SinkSlice b : group) bytes += b.bytes;
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
    public List<SinkSlice> abandon() {
        queue.close();
        List<SinkSlice> rest = queue.drainRemaining();
        for (SinkSlice b : rest) budget.release(b.bytes);
        return rest;
    }
}
