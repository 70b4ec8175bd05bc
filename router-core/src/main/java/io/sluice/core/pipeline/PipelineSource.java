package io.sluice.core.pipeline;

import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.core.ack.OrderedAcks;
import io.sluice.core.buffer.InFlightGate;

/**
 * A {@link Source} of the pipeline: numbers the batches it publishes and queues them for the
 * workers; its {@link Sequencer} passes the processed batches to the router in that order; when
 * every sink has a batch, the source frees its bytes and acknowledges it to the input, in order.
 */
final class PipelineSource implements Source {
    final SourceSpec spec;
    final String inputId;
    private final PipelineSettings settings;
    private final InFlightGate gate;
    private final WorkQueue work;
    private final OrderedAcks acks;
    private final Sequencer<EventBatch> sequencer;
    private long nextSequence;
    private long nextBatch;
    private volatile boolean closed;

    PipelineSource(SourceSpec spec, String inputId, PipelineSettings settings, InFlightGate gate, WorkQueue work,
                   FanOut fanOut) {
        this.spec = spec;
        this.inputId = inputId;
        this.settings = settings;
        this.gate = gate;
        this.work = work;
        this.acks = new OrderedAcks(spec.acks());
        String name = spec.name();
        this.sequencer = new Sequencer<>(batch -> fanOut.route(inputId, name, batch));
    }

    @Override
    public RawBatch newBatch() {
        return new RawBatch(settings.batchMaxRecords(), settings.batchMaxBytes());
    }

    @Override
    public boolean publish(RawBatch batch) {
        if (batch.isEmpty()) return gate.hasRoom();
        if (closed) throw new IllegalStateException("source " + spec.name() + " is closed");
        long number = nextBatch++;
        long firstSequence = nextSequence;
        nextSequence += batch.size();
        return work.submit(new WorkQueue.Job(this, batch, number, firstSequence, System.currentTimeMillis() * 1_000_000L));
    }

    @Override
    public boolean hasCapacity() {
        return gate.hasRoom();
    }

    @Override
    public void whenCapacity(Runnable task) {
        gate.whenRoom(task);
    }

    @Override
    public void awaitCapacity() throws InterruptedException {
        gate.awaitRoom();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A worker processed batch {@code number}: on to the router once every earlier batch went. */
    void processed(long number, EventBatch batch) throws InterruptedException {
        sequencer.offer(number, batch);
    }

    /** Every sink has the batch: free its bytes and acknowledge it in order. */
    void completed(long number, long lastPosition, long rawBytes) {
        gate.release(rawBytes);
        acks.complete(number, lastPosition);
    }
}
