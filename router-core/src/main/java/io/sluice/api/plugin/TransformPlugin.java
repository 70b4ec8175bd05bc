package io.sluice.api.plugin;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.schema.FieldFormats;

/**
 * Registers a transform type ({@code type: redact}) through
 * {@code META-INF/services/io.sluice.api.plugin.TransformPlugin}. The {@code type} and {@code when}
 * keys are bound by the config module, not declared here.
 */
public interface TransformPlugin {
    String type();

    OptionSpec options();

    /**
     * The output ids the options name (option name -> output id), e.g. where a throttle sends the
     * excess; the config module checks that those outputs exist.
     */
    default java.util.Map<String, String> outputsNamed(Options options) {
        return java.util.Map.of();
    }

    /**
     * The format or parser names the options name (option path below the transform -> name, e.g.
     * {@code parse.message -> access}); the config module checks each is a standard format or an
     * entry of {@code parsers:}, at the option's line.
     */
    default java.util.Map<String, String> formatsNamed(Options options) {
        return java.util.Map.of();
    }

    /**
     * Creates a transform from validated options.
     *
     * @param name   the transform's name (for metrics and messages)
     * @param meters where it counts what it did (tag {@code transform=name})
     */
    Transform create(String name, Options options, MeterRegistry meters);

    /**
     * Creates a transform that may parse fields with {@code formats}: the standard formats and the
     * config's {@code parsers:}. Transforms that parse nothing need not override it.
     */
    default Transform create(String name, Options options, MeterRegistry meters, FieldFormats formats) {
        return create(name, options, meters);
    }
}
