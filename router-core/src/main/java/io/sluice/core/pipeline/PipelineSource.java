package io.sluice.core.pipeline;

import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.core.ack.OrderedAcks;
import io.sluice.core.buffer.InFlightGate;

/**
 * A {@link Source} of the pipeline: queues the raw batches it publishes for the workers, in order; a
 * worker that takes one numbers it ({@link #number}) once it knows how many records it holds; its
 * {@link Sequencer} passes the processed batches to the router in that order; when every sink has a
 * batch, the source frees its bytes and acknowledges it to the input, in order.
 *
 * <p>Numbering waits for the worker: a connection's reader may publish blocks of lines it has not cut
 * ({@link RawBatch#reserveLines}), so how many records, and how many event batches of at most
 * {@code batch_max_records} they make, is known only once the worker has cut them. Workers take raw
 * batches in publish order and number each right after cutting, before anything that may block, so a
 * worker waiting here for the batch before its own waits only for that cut.
 */
final class PipelineSource implements Source {
    final SourceSpec spec;
    final String inputId;
    private final PipelineSettings settings;
    private final InFlightGate gate;
    private final WorkQueue work;
    private final OrderedAcks acks;
    private final Sequencer<EventBatch> sequencer;
    private long published;
    private final Object numbering = new Object();
    /** Guarded by {@link #numbering}: the next raw batch to number, the next event batch number and sequence. */
    private long numbered;
    private long nextBatch;
    private long nextSequence;
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
        return work.submit(new WorkQueue.Job(this, batch, published++, System.currentTimeMillis() * 1_000_000L));
    }

    /** The numbers of the first event batch and the first event made of a raw batch. */
    record Numbers(long firstBatch, long firstSequence) {}

    /**
     * Numbers the raw batch published {@code published}-th, made of {@code records} records in
     * {@code batches} event batches, after every batch published before it.
     */
    Numbers number(long published, int records, int batches) throws InterruptedException {
        synchronized (numbering) {
            while (numbered != published) numbering.wait();
            Numbers n = new Numbers(nextBatch, nextSequence);
            nextBatch += batches;
            nextSequence += records;
            numbered++;
            numbering.notifyAll();
            return n;
        }
    }

    /** The most records in one event batch: a raw batch of more lines (cut by the worker) is split. */
    int batchMaxRecords() {
        return settings.batchMaxRecords();
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
