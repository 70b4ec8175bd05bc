package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Rejection;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.schema.EventEncoder;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The dead-letter path: an event refused by a stage is marked with {@code error.type},
 * {@code error.message} and {@code error.code} (the stage), encoded and handed to the dead-letter
 * sink, which is a sink like any other (file by default). Counted by stage and type.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final PipelineMetrics metrics;
    private final EventEncoder encoder = new EventEncoder();
    private volatile SinkRunner runner;
    /** The pipeline's tap: shown the events sinks refuse, which the router never sees as refused. */
    private volatile RouteTap tap;

    public DeadLetters(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    void attach(SinkRunner deadLetterRunner) {
        this.runner = deadLetterRunner;
    }

    void tap(RouteTap observer) {
        this.tap = observer;
    }

    /**
     * Writes the rejection onto the event (its own error fields, if any, move under attributes so
     * nothing the source sent is lost). Only for events not yet shared with sinks.
     */
    static void mark(LogEvent e, Rejection r) {
        if (e.errorType() != null) e.attributesOrCreate().putString("error.type", e.errorType());
        if (e.errorMessage() != null) e.attributesOrCreate().putString("error.message", e.errorMessage());
        e.errorType(r.type()).errorMessage(r.message()).errorCode(r.stage());
    }

    /** Hands events of a processed batch that a stage refused to the dead-letter sink. */
    void submit(EventBatch batch, int[] indexes) throws InterruptedException {
        for (int i : indexes) {
            Rejection r = batch.events[i].rejection();
            metrics.deadLettered(r.stage(), r.type(), 1);
        }
        SinkRunner r = runner;
        if (r == null) {
            LOG.error("{} events were refused but no dead-letter sink is configured; they are dropped",
                    indexes.length);
            metrics.dropped("dead_letter", "no_dead_letter_sink", indexes.length);
            return;
        }
        batch.expectDelivery();
        r.put(new SinkSlice(batch, indexes));
    }

    /** A sink refused an event for good: copy it (sinks share the original), mark, encode and submit. */
    void submitRefused(LogEvent shared, Rejection rejection) throws InterruptedException {
        SinkRunner self = runner;
        if (self != null && rejection.stage().equals("output." + self.id())) {
            // the dead-letter sink refused a dead letter: handing it back to itself would loop forever
            LOG.error("the dead-letter sink refused an event ({}: {}); it is dropped", rejection.type(), rejection.message());
            metrics.dropped("dead_letter", "refused_by_dead_letter_sink", 1);
            return;
        }
        LogEvent e = shared.copy();
        mark(e, rejection);
        e.reject(rejection);
        JsonBytes out = new JsonBytes(512);
        encoder.encode(e, out);
        metrics.deadLettered(rejection.stage(), rejection.type(), 1);
        EventBatch single = new EventBatch(new LogEvent[] {e}, 1, out.toByteArray(), new int[] {0, out.length()}, null);
        RouteTap t = tap;
        if (t != null) t.routed(new RoutedBatch(e.inputId(), null, single, new long[1], List.of()));
        SinkRunner r = runner;
        if (r == null) {
            LOG.error("output refused an event ({}) but no dead-letter sink is configured; it is dropped",
                    rejection.message());
            metrics.dropped("dead_letter", "no_dead_letter_sink", 1);
            return;
        }
        r.put(new SinkSlice(single, new int[] {0}));
    }
}
