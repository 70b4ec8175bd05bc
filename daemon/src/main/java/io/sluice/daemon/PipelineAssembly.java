package io.sluice.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.config.InputConfig;
import io.sluice.config.OutputConfig;
import io.sluice.config.PipelineConfig;
import io.sluice.config.TransformConfig;
import io.sluice.core.pipeline.Pipeline;
import io.sluice.core.pipeline.TransformChain;
import io.sluice.api.schema.DecodeOptions;

import java.time.ZoneOffset;

/**
 * The settings {@link Daemon} builds its pipeline with, shared with {@code sluice test} so a test
 * decodes and batches exactly as the daemon does.
 */
public final class PipelineAssembly {
    private PipelineAssembly() {}

    /** A pipeline with the config's outputs (created now, not started), dead-letter sink, transforms and routes. */
    public static Pipeline build(PipelineConfig config, MeterRegistry meters) {
        return build(config, meters, TransformConfig.chain(config.transforms(), meters));
    }

    /** The same with the given transforms, e.g. none for a replay of events that already passed them. */
    public static Pipeline build(PipelineConfig config, MeterRegistry meters, TransformChain transforms) {
        Pipeline.Builder builder = Pipeline.builder(config.tuning(), config.normalize(), meters, config.dataDir());
        for (OutputConfig o : config.outputs().values()) builder.output(o.id(), o.create(), o.options());
        if (config.deadLetter() != null) builder.deadLetter(config.deadLetter().create(), config.deadLetter().options());
        return builder.routes(config.routes()).transforms(transforms).build();
    }

    public static DecodeOptions decodeOptions(PipelineConfig config) {
        return new DecodeOptions(ZoneOffset.UTC, config.normalize().onInvalid(), false);
    }

    /** The decode options of one input: the pipeline's, with the input's parser and aliases. */
    public static DecodeOptions decodeOptions(PipelineConfig config, InputConfig input) {
        return decodeOptions(config).withParsing(input.parser(), input.aliases());
    }
}
