package io.sluice.inputs.container;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/**
 * The counters an operator needs to see the tail's trouble (cut lines, rotations, files it could not
 * read) and gauges of the files it holds open or tracks and of its
 * checkpoint lag.
 */
final class TailMetrics {
    final Counter truncated;
    final Counter filesOpened;
    final Counter filesReleased;
    final Counter truncations;
    final Counter readErrors;
    final Gauge filesOpen;
    final Gauge filesTracked;
    final Gauge lagBytes;

    TailMetrics(MeterRegistry meters, String inputId, Supplier<Number> openFiles, Supplier<Number> trackedFiles,
                Supplier<Number> lag) {
        truncated = counter(meters, "sluice.input.container.truncated", inputId, "records cut at max_line_bytes or a multiline limit");
        filesOpened = counter(meters, "sluice.input.container.files.opened", inputId, "files found and opened");
        filesReleased = counter(meters, "sluice.input.container.files.released", inputId, "rotated or deleted files read to their end and closed");
        truncations = counter(meters, "sluice.input.container.truncations", inputId, "files truncated in place (copytruncate), read again from 0");
        readErrors = counter(meters, "sluice.input.container.read.errors", inputId, "files that could not be opened or read (retried)");
        // strongly referenced: MeterRegistry.gauge holds its object weakly, and nothing else keeps this
        // supplier alive, so after a garbage collection the gauge read NaN
        filesOpen = gauge(meters, "sluice.input.container.files.open", inputId, openFiles, "files held open for reading");
        filesTracked = gauge(meters, "sluice.input.files.tracked", inputId, trackedFiles,
                "files tracked (open or parked) with a checkpoint");
        lagBytes = gauge(meters, "sluice.input.checkpoint.lag.bytes", inputId, lag,
                "bytes of the tracked files not yet acknowledged by every sink (unread or in flight)");
    }

    private static Gauge gauge(MeterRegistry meters, String name, String inputId, Supplier<Number> value, String doc) {
        // strongly referenced: MeterRegistry.gauge holds its object weakly, and nothing else keeps these
        // suppliers alive, so after a garbage collection the gauge read NaN
        return Gauge.builder(name, value, s -> s.get().doubleValue())
                .tag("input", inputId).description(doc).strongReference(true).register(meters);
    }

    private static Counter counter(MeterRegistry meters, String name, String inputId, String doc) {
        return Counter.builder(name).tag("input", inputId).description(doc).register(meters);
    }
}
