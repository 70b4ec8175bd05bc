package io.sluice.core.buffer;

/**
 * Bytes shared by every memory sink buffer (pipeline.memory_budget): a buffer takes its batch's
 * bytes from here as well as from its own bound, and gives them back when its sink takes the batch.
 * So many sinks with generous limits cannot, together, take more memory than the budget.
 */
public final class MemoryBudget {
    /** No shared budget: every request succeeds. */
    public static final MemoryBudget UNLIMITED = new MemoryBudget(Long.MAX_VALUE);

    private final long limit;
    private long used;

    public MemoryBudget(long limit) {
        this.limit = limit;
    }

    /** Waits until the bytes fit (a lone request larger than the budget passes when nothing is held). */
    public synchronized void acquire(long bytes) throws InterruptedException {
        if (limit == Long.MAX_VALUE) return;
        while (used > 0 && used + bytes > limit) wait();
        used += bytes;
    }

    /** Takes the bytes only if they fit now. */
    public synchronized boolean tryAcquire(long bytes) {
        if (limit == Long.MAX_VALUE) return true;
        if (used > 0 && used + bytes > limit) return false;
        used += bytes;
        return true;
    }

    public synchronized void release(long bytes) {
        if (limit == Long.MAX_VALUE || bytes == 0) return;
        used -= bytes;
        notifyAll();
    }

    public synchronized long used() {
        return used;
    }

    public long limit() {
        return limit;
    }
}
