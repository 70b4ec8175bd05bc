package io.sluice.core.pipeline;

import io.sluice.core.ack.OrderedAcks;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link Source} of the pipeline. Batches get consecutive numbers when published; workers may
 * finish them in any order, and the source releases them to the router in number order (the
 * sequencer), then acknowledges them to the input in the same order.
 */
final class PipelineSource implements Source {
    final SourceSpec spec;
    final String inputId;
    private final Pipeline pipeline;
    private final OrderedAcks acks;
    private long nextSequence;
    private long nextBatch;
    private final Map<Long, EventBatch> ready = new HashMap<>();
    private long nextToRoute;
    private volatile boolean closed;

    PipelineSource(SourceSpec spec, String inputId, Pipeline pipeline) {
        this.spec = spec;
        this.inputId = inputId;
        this.pipeline = pipeline;
        this.acks = new OrderedAcks(spec.acks());
    }

    @Override
    public RawBatch newBatch() {
        PipelineSettings s = pipeline.settings();
        return new RawBatch(s.batchMaxRecords(), s.batchMaxBytes());
    }

    @Override
    public boolean publish(RawBatch batch) {
        if (batch.isEmpty()) return pipeline.gate().hasRoom();
        if (closed) throw new IllegalStateException("source " + spec.name() + " is closed");
        long number = nextBatch++;
        long firstSequence = nextSequence;
        nextSequence += batch.size();
        return pipeline.submit(new Pipeline.Job(this, batch, number, firstSequence, System.currentTimeMillis() * 1_000_000L));
    }

    @Override
    public boolean hasCapacity() {
        return pipeline.gate().hasRoom();
    }

    @Override
    public void whenCapacity(Runnable task) {
        pipeline.gate().whenRoom(task);
    }

    @Override
    public void awaitCapacity() throws InterruptedException {
        pipeline.gate().awaitRoom();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Sequencer: called by a worker when batch {@code number} is processed; routes every batch now in order. */
    void processed(long number, EventBatch batch) throws InterruptedException {
        synchronized (ready) {
            ready.put(number, batch);
            EventBatch next;
            while ((next = ready.remove(nextToRoute)) != null) {
                nextToRoute++;
                pipeline.route(this, next);
            }
        }
    }

    /** Every sink has the batch: free its bytes and acknowledge it in order. */
    void completed(long number, long lastPosition, long rawBytes) {
        pipeline.gate().release(rawBytes);
        acks.complete(number, lastPosition);
    }
}
