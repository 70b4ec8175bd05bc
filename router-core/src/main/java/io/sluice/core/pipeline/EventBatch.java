package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The events of one raw batch after decoding, with their JSON encoded once into one array. It is
 * complete when every delivery it was split into (one per sink it was routed to) is acknowledged.
 */
final class EventBatch {
    final LogEvent[] events;
    final int count;
    final byte[] json;
    /** Event i's JSON is json[jsonStart[i], jsonStart[i+1]). */
    final int[] jsonStart;
    /** Lengths when events are not contiguous (read back from a disk record); null: from jsonStart. */
    private final int[] jsonLengths;
    private final AtomicInteger pending = new AtomicInteger(1); // 1: the routing step itself
    private final Runnable onComplete;

    EventBatch(LogEvent[] events, int count, byte[] json, int[] jsonStart, Runnable onComplete) {
        this(events, count, json, jsonStart, null, onComplete);
    }

    EventBatch(LogEvent[] events, int count, byte[] json, int[] jsonStart, int[] jsonLengths, Runnable onComplete) {
        this.events = events;
        this.count = count;
        this.json = json;
        this.jsonStart = jsonStart;
        this.jsonLengths = jsonLengths;
        this.onComplete = onComplete;
    }

    int jsonLength(int i) {
        return jsonLengths != null ? jsonLengths[i] : jsonStart[i + 1] - jsonStart[i];
    }

    /** Called before handing a part of the batch to a sink. */
    void expectDelivery() {
        pending.incrementAndGet();
    }

    /** One delivery (or the routing step) is done. */
    void delivered() {
        if (pending.decrementAndGet() == 0 && onComplete != null) onComplete.run();
    }
}
