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
    /** A raw batch waiting for a worker, with the numbers its source's sequencer orders it by. */
    record Job(PipelineSource source, RawBatch batch, long number, long firstSequence, long createdNanos) {}

    private final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final InFlightGate gate;
    private final PipelineMetrics metrics;
    private volatile boolean closed;

    WorkQueue(InFlightGate gate, PipelineMetrics metrics) {
        this.gate = gate;
        this.metrics = metrics;
    }

    /**
     * Counts the batch in and queues it; never refuses (a batch that was read must go somewhere).
     *
     * @return whether the gate still has room; false asks the input to pause
     */
    boolean submit(Job job) {
        long bytes = job.batch().byteSize();
        boolean room = gate.admit(bytes);
        metrics.eventsIn(job.source().inputId, job.batch().size(), bytes);
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

    boolean isClosed() {
        return closed;
    }
}
