package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;

import java.util.List;

/**
 * The router stage: takes each processed batch in source order, asks the {@link Router} which
 * sinks each event goes to (a bit mask per event), shows the split to the {@link RouteTap} if one
 * is installed, and puts one {@link SinkSlice} per sink into that sink's buffer; refused events
 * go to the dead letters. Runs on the worker thread that completed the batch.
 */
final class FanOut {
    /** The outputs and how events are split among them; replaced whole on reload. */
    private record Routing(Router router, List<SinkRunner> sinks) {}

    private final DeadLetters deadLetters;
    private final PipelineMetrics metrics;
    private final BatchFailures failures;
    private volatile Routing routing;
    private volatile RouteTap tap;

    FanOut(Router router, List<SinkRunner> sinks, DeadLetters deadLetters, PipelineMetrics metrics,
           BatchFailures failures) {
        this.failures = failures;
        this.routing = new Routing(router, List.copyOf(sinks));
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** The sinks batches are routed to now, in the order the router numbers them. */
    List<SinkRunner> sinks() {
        return routing.sinks();
    }

    /** From the next batch on, events are routed by {@code router} to {@code sinks}. */
    void switchTo(Router router, List<SinkRunner> sinks) {
        this.routing = new Routing(router, List.copyOf(sinks));
    }

    /** Installs the observer of routed batches, or removes it with null. */
    void tap(RouteTap observer) {
        this.tap = observer;
    }

    /** Splits one batch among the sinks; blocks while a sink's buffer is full (policy block). */
    void route(String inputId, String sourceName, EventBatch batch) throws InterruptedException {
        Routing current = routing;
        Router router = current.router();
        List<SinkRunner> sinks = current.sinks();
        int n = batch.count;
        long[] masks = new long[n];
        int rejected = 0;
        int unrouted = 0;
        long union = 0;
        try {
            for (int i = 0; i < n; i++) {
                LogEvent e = batch.events[i];
                if (e.rejection() != null) {
                    rejected++;
                    continue;
                }
                masks[i] = router.route(inputId, e);
                if (masks[i] == 0) unrouted++;
                union |= masks[i];
            }
        } catch (RuntimeException | Error ex) {
            // nothing was handed to a sink yet: the whole batch goes to the dead letters, the sequence moves on
            failures.record("router", n, ex, "the events go to the dead letters");
            deadLetterAll(batch, BatchFailures.rejection("router", ex));
            batch.delivered();
            return;
        }
        if (unrouted > 0) metrics.dropped("router", "unrouted", unrouted);
        RouteTap t = tap;
        if (t != null) {
            try {
                t.routed(new RoutedBatch(inputId, sourceName, batch, masks, sinks));
            } catch (RuntimeException ex) {
                // an observer's failure says nothing about the events: they are routed as decided
                failures.record("tap", n, ex, "the tap missed them; they are routed as usual");
            }
        }
        for (int s = 0; s < sinks.size(); s++) {
            long bit = 1L << s;
            if ((union & bit) == 0) continue;
            int count = 0;
            for (int i = 0; i < n; i++) if ((masks[i] & bit) != 0) count++;
            int[] idx = new int[count];
            int k = 0;
            for (int i = 0; i < n; i++) if ((masks[i] & bit) != 0) idx[k++] = i;
            batch.expectDelivery();
            sinks.get(s).put(new SinkSlice(batch, idx));
        }
        if (rejected > 0) {
            int[] idx = new int[rejected];
            int k = 0;
            for (int i = 0; i < n; i++) if (batch.events[i].rejection() != null) idx[k++] = i;
            deadLetters.submit(batch, idx);
        }
        batch.delivered();
    }

    /**
     * Every event of the batch to the dead letters: those already refused with their own reason, the
     * rest with {@code why}.
     */
    private void deadLetterAll(EventBatch batch, io.sluice.api.event.Rejection why) throws InterruptedException {
        int[] refused = new int[batch.count];
        int k = 0;
        for (int i = 0; i < batch.count; i++) {
            LogEvent e = batch.events[i];
            if (e.rejection() != null) refused[k++] = i;
            else deadLetters.submitRefused(e, why);
        }
        if (k > 0) deadLetters.submit(batch, java.util.Arrays.copyOf(refused, k));
    }
}
