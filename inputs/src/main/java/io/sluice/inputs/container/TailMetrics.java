package io.sluice.inputs.container;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/** The counters an operator needs to see the tail's trouble: cut lines, rotations, files it could not read. */
final class TailMetrics {
    final Counter truncated;
    final Counter filesOpened;
    final Counter filesReleased;
    final Counter truncations;
    final Counter readErrors;

    TailMetrics(MeterRegistry meters, String inputId, Supplier<Number> openFiles) {
        truncated = counter(meters, "sluice.input.container.truncated", inputId, "records cut at max_line_bytes or a multiline limit");
        filesOpened = counter(meters, "sluice.input.container.files.opened", inputId, "files found and opened");
        filesReleased = counter(meters, "sluice.input.container.files.released", inputId, "rotated or deleted files read to their end and closed");
        truncations = counter(meters, "sluice.input.container.truncations", inputId, "files truncated in place (copytruncate), read again from 0");
        readErrors = counter(meters, "sluice.input.container.read.errors", inputId, "files that could not be opened or read (retried)");
        meters.gauge("sluice.input.container.files.open", java.util.List.of(io.micrometer.core.instrument.Tag.of("input", inputId)),
                openFiles, s -> s.get().doubleValue());
    }

    private static Counter counter(MeterRegistry meters, String name, String inputId, String doc) {
        return Counter.builder(name).tag("input", inputId).description(doc).register(meters);
    }
}
