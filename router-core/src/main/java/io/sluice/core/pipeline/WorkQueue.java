package io.sluice.core.pipeline;

import io.sluice.api.plugin.RawBatch;
import io.sluice.core.buffer.InFlightGate;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The queue between the inputs and the worker pool: a published raw batch is admitted to the
 * in-flight gate (which tells the input whether to pause) and waits here for any free worker.
 */
final class WorkQueue {
    /** A raw batch waiting for a worker, the {@code published}-th of its source (the order it is numbered in). */
    record Job(PipelineSource source, RawBatch batch, long published, long createdNanos) {}

    private final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final InFlightGate gate;
    private volatile boolean closed;
    /** Set by the first job: the JIT warm-up stops then ({@link WarmUp}). */
    private volatile boolean submitted;

    WorkQueue(InFlightGate gate) {
        this.gate = gate;
    }

    /**
     * Admits the batch's bytes and queues it; never refuses (a batch that was read must go somewhere).
     * Its events are counted in by the worker, which may first have to cut its lines.
     *
     * @return whether the gate still has room; false asks the input to pause
     */
    boolean submit(Job job) {
        boolean room = gate.admit(job.batch().byteSize());
        if (!submitted) submitted = true;
        jobs.add(job);
        return room;
    }

    /** The next job, or null after {@link PipelineSettings#POLL} without one (so workers see {@link #close}). */
    Job next() throws InterruptedException {
        return jobs.poll(PipelineSettings.POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Workers stop taking jobs. */
    void close() {
        closed = true;
    }

    /** True once a job was submitted. */
    boolean anySubmitted() {
        return submitted;
    }

    boolean isClosed() {
        return closed;
    }
}
