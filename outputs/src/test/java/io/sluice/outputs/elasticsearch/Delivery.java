package io.sluice.outputs.elasticsearch;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives an output the way the core's sink worker does, for tests: each batch is sent until every
 * event is delivered or refused: a {@link RetriableException} resends the batch, events marked for
 * retry are resent alone, after a pause. Bounded by a deadline so a test cannot hang.
 */
final class Delivery {
    /** A refused event: which batch, its index there, and Elasticsearch's error. */
    record Refused(int batch, int index, String type, String reason) {}

    final List<Refused> refused = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger requestFailures = new AtomicInteger();
    final AtomicInteger itemRetries = new AtomicInteger();
    final List<String> failureMessages = Collections.synchronizedList(new ArrayList<>());
    /** Batches fully delivered (or refused) so far. */
    final AtomicInteger batchesDone = new AtomicInteger();
    private Duration pause = Duration.ZERO;
    private final Output output;
    private final long deadline;

    Delivery(Output output, Duration timeout) {
        this.output = output;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /** Waits this long after each batch, to spread a run over time (so an outage falls in its middle). */
    Delivery pauseBetweenBatches(Duration pause) {
        this.pause = pause;
        return this;
    }

    /** Delivers the batches on {@code threads} threads, as an output with that concurrency would be driven. */
    Delivery deliverAll(List<SinkBatch> batches, int threads) throws Exception {
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < batches.size(); i++) queue.add(i);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    Integer b;
                    while ((b = queue.poll()) != null) {
                        deliver(b, batches.get(b));
                        batchesDone.incrementAndGet();
                        Thread.sleep(pause.toMillis());
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) w.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
            pool.shutdownNow();
        }
        return this;
    }

    void deliver(int batchNumber, SinkBatch batch) throws Exception {
        int[] pending = new int[batch.size()];
        for (int i = 0; i < pending.length; i++) pending[i] = i;
        while (pending.length > 0) {
            if (System.nanoTime() > deadline) throw new AssertionError("batch " + batchNumber + " not delivered in time");
            SendResult result;
            try {
                result = output.send(Batches.subset(batch, pending));
            } catch (RetriableException e) {
                requestFailures.incrementAndGet();
                failureMessages.add(e.getMessage());
                Thread.sleep(500);
                continue;
            }
            for (SendResult.Refusal r : result.refused()) {
                refused.add(new Refused(batchNumber, pending[r.index()], r.type(), r.reason()));
            }
            int[] sent = pending;
            int[] again = result.toRetry().stream().map(i -> sent[i]).toArray();
            itemRetries.addAndGet(again.length);
            if (again.length > 0) Thread.sleep(100);
            pending = again;
        }
    }
}
