package io.sluice.core.pipeline;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Per-sink distributions, recorded once per send or per batch, never per event: the events of
 * each batch sent ({@code sluice.sink.batch.events}), how long each {@code send} took
 * ({@code sluice.sink.send}, failed attempts included) and the end-to-end latency from
 * {@code event.created} of a batch's oldest event to the sink's acknowledgement
 * ({@code sluice.sink.end_to_end}). Histograms use a few fixed buckets so a scrape stays small.
 */
final class SinkMeters {
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final DistributionSummary batchEvents;
    private final Timer send;
    private final Timer endToEnd;

    SinkMeters(String outputId, MeterRegistry registry) {
        batchEvents = DistributionSummary.builder("sluice.sink.batch.events").baseUnit("events")
                .description("events per batch sent to the sink").tag("output", outputId)
                .serviceLevelObjectives(1, 10, 100, 500, 1000, 5000, 10000).register(registry);
        send = Timer.builder("sluice.sink.send").description("duration of each send to the sink, failed ones included")
                .tag("output", outputId).serviceLevelObjectives(BUCKETS).register(registry);
        endToEnd = Timer.builder("sluice.sink.end_to_end")
                .description("from event.created of a batch's oldest event until the sink acknowledged the batch")
                .tag("output", outputId).serviceLevelObjectives(BUCKETS).register(registry);
    }

    void sent(int events, long nanos) {
        batchEvents.record(events);
        send.record(nanos, TimeUnit.NANOSECONDS);
    }

    void failed(long nanos) {
        send.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The batch is delivered; {@code createdNanos} is its oldest event's {@code event.created} (epoch nanos). */
    void acknowledged(long createdNanos) {
        long now = System.currentTimeMillis() * 1_000_000L;
        endToEnd.record(Math.max(0, now - createdNanos), TimeUnit.NANOSECONDS);
    }
}
