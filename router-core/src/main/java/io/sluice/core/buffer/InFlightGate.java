package io.sluice.core.buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounds the bytes between inputs and sinks. Admission never refuses (a batch that was read must go
 * somewhere); it tells the input whether to pause, and the input resumes when enough has been
 * acknowledged. Memory is thus bounded by the limit plus one batch per source.
 */
public final class InFlightGate {
    private static final Logger LOG = LoggerFactory.getLogger(InFlightGate.class);
    private final long limit;
    private long used;
    private final List<Runnable> waiting = new ArrayList<>();

    public InFlightGate(long limit) {
        this.limit = limit;
    }

    /** Counts the bytes in; returns whether there is still room. */
    public synchronized boolean admit(long bytes) {
        used += bytes;
        return used < limit;
    }

    public void release(long bytes) {
        List<Runnable> run = null;
        synchronized (this) {
            used -= bytes;
            if (used < limit) {
                notifyAll();
                if (!waiting.isEmpty()) {
                    run = new ArrayList<>(waiting);
                    waiting.clear();
                }
            }
        }
        if (run != null) run.forEach(InFlightGate::runIsolated);
    }

    /**
     * Callbacks belong to inputs and run on the thread that released (a sink's): one that fails must
     * neither kill that thread, which holds undelivered events, nor keep the others from running.
     */
    private static void runIsolated(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("an input's resume callback failed; the releasing sink carries on", e);
        }
    }

    public synchronized boolean hasRoom() {
        return used < limit;
    }

    public synchronized long used() {
        return used;
    }

    public long limit() {
        return limit;
    }

    /** Runs the task when there is room: now, on this thread, or later on the thread that frees it. */
    public void whenRoom(Runnable task) {
        synchronized (this) {
            if (used >= limit) {
                waiting.add(task);
                return;
            }
        }
        task.run();
    }

    public synchronized void awaitRoom() throws InterruptedException {
        while (used >= limit) wait();
    }

    /** Waits until nothing is in flight; false on timeout. */
    public synchronized boolean awaitEmpty(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (used > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return false;
            wait(left);
        }
        return true;
    }
}
