package io.sluice.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.TransformPlugin;
import io.sluice.api.schema.FieldFormats;
import io.sluice.core.pipeline.Condition;
import io.sluice.core.pipeline.TransformChain;

import java.util.List;

/**
 * One validated entry of {@code transforms:}; the transform itself is made when a pipeline is built.
 *
 * @param formats what it may parse fields with: the standard formats and the file's {@code parsers:}
 */
public record TransformConfig(String name, TransformPlugin plugin, Options options, Condition when, FieldFormats formats) {
    /** The chain of transforms, in file order, counting into {@code meters}. */
    public static TransformChain chain(List<TransformConfig> transforms, MeterRegistry meters) {
        return new TransformChain(transforms.stream()
                .map(t -> new TransformChain.Step(t.name(), t.when(), t.plugin().create(t.name(), t.options(), meters, t.formats())))
                .toList());
    }
}
