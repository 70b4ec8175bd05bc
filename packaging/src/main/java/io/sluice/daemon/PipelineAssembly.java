package io.sluice.daemon;

import io.sluice.config.PipelineConfig;
import io.sluice.config.PipelineTuning;
import io.sluice.core.pipeline.PipelineSettings;
import io.sluice.core.schema.DecodeOptions;

import java.time.ZoneOffset;

/**
 * The settings {@link Daemon} builds its pipeline with, shared with {@code sluice test} so a test
 * decodes and batches exactly as the daemon does.
 */
public final class PipelineAssembly {
    private PipelineAssembly() {}

    public static PipelineSettings settings(PipelineTuning t) {
        return new PipelineSettings(t.workers(), t.batchMaxRecords(),
                (int) Math.min(Integer.MAX_VALUE, t.batchMaxBytes()), t.inFlightBytes());
    }

    public static DecodeOptions decodeOptions(PipelineConfig config) {
        return new DecodeOptions(ZoneOffset.UTC, config.normalize().onInvalid(), false);
    }
}
