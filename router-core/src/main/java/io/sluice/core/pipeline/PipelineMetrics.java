package io.sluice.core.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;

/** The pipeline's counters, named for Prometheus through Micrometer ({@code sluice_events_in_total} ...). */
public final class PipelineMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
    }

    public void eventsIn(String input, long events, long bytes) {
        counter("sluice.events.in", "input", input).increment(events);
        counter("sluice.bytes.in", "input", input).increment(bytes);
    }

    /**
     * An output's {@code sluice.events.out} and {@code sluice.bytes.out}, looked up once: a sink counts
     * them after every send, and the lookup builds its key string each time.
     */
    public record OutCounters(Counter events, Counter bytes) {
        public void add(long eventCount, long byteCount) {
            events.increment(eventCount);
            bytes.increment(byteCount);
        }
    }

    public OutCounters out(String output) {
        return new OutCounters(counter("sluice.events.out", "output", output), counter("sluice.bytes.out", "output", output));
    }

    public void dropped(String component, String reason, long events) {
        counter("sluice.events.dropped", "component", component, "reason", reason).increment(events);
    }

    public void deadLettered(String stage, String type, long events) {
        counter("sluice.events.dead_lettered", "stage", stage, "type", type).increment(events);
    }

    /** sluice_pipeline_batch_failures_total: batches the pipeline itself failed on (a bug), dead-lettered. */
    public void batchFailed(String stage) {
        counter("sluice.pipeline.batch.failures", "stage", stage).increment();
    }

    /** sluice_sink_unexpected_failures_total: failures of a sink thread no output failure kind explains (a bug). */
    public void sinkFailedUnexpectedly(String output) {
        counter("sluice.sink.unexpected.failures", "output", output).increment();
    }

    public void tagged(String input, String tag) {
        counter("sluice.events.tagged", "input", input, "tag", tag).increment();
    }

    public void retry(String output) {
        counter("sluice.sink.retries", "output", output).increment();
    }

    /** Current value of a counter, for tests and the shutdown report. */
    public double count(String name, String... tags) {
        Counter c = counters.get(name + String.join("|", tags));
        return c == null ? 0 : c.count();
    }
}
