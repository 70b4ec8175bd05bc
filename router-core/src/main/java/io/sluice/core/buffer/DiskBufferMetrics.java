package io.sluice.core.buffer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Registers a {@link DiskBuffer}'s counters ({@link DiskBufferCounters}) and gauges as {@code sluice.buffer.disk.*},
 * tagged with the output id. The gauges are read on the registry's thread, through the buffer's accessors.
 */
final class DiskBufferMetrics {
    private DiskBufferMetrics() {}

    static void bind(DiskBuffer buffer, MeterRegistry registry, String outputId) {
        Tags tags = Tags.of("output", outputId);
        buffer.counters().bindTo(registry, tags);
        Gauge.builder("sluice.buffer.disk.bytes", buffer, DiskBuffer::usedBytes).tags(tags)
                .description("bytes appended and not yet acknowledged").register(registry);
        Gauge.builder("sluice.buffer.disk.max.bytes", buffer, DiskBuffer::maxBytes).tags(tags).register(registry);
        Gauge.builder("sluice.buffer.disk.records", buffer, DiskBuffer::pendingRecords).tags(tags)
                .description("records appended and not yet acknowledged").register(registry);
        Gauge.builder("sluice.buffer.disk.segments", buffer, DiskBuffer::segmentCount).tags(tags).register(registry);
    }
}
