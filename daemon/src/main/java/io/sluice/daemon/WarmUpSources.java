package io.sluice.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.framing.HeldBytes;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.PodLookup;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.config.InputConfig;
import io.sluice.config.PipelineConfig;
import io.sluice.core.pipeline.Pipeline;
import io.sluice.core.pipeline.WarmUpSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the JIT warm-up runs: for each configured input that offers records of its kind, its decoder as
 * {@code sluice test} gets it ({@link Input#fixtureSource}). The input is created for this, never started,
 * and its decoders count into a registry of their own, so the warm-up's records show in no metric.
 */
final class WarmUpSources {
    private WarmUpSources() {
    }

    static List<WarmUpSource> of(PipelineConfig config, Pipeline pipeline) {
        MeterRegistry aside = new SimpleMeterRegistry();
        List<WarmUpSource> sources = new ArrayList<>();
        for (InputConfig ic : config.inputs().values()) {
            Input input = ic.create();
            List<byte[]> records = input.warmUpRecords();
            if (records.isEmpty()) continue;
            SourceSpec spec = input.fixtureSource(
                    new Aside(pipeline.inputContext(ic.id(), PipelineAssembly.decodeOptions(config, ic)), aside));
            if (spec != null) sources.add(new WarmUpSource(spec, records));
        }
        return sources;
    }

    /** An input's context whose meters go to a registry nobody reads. */
    private record Aside(InputContext context, MeterRegistry meters) implements InputContext {
        @Override public String inputId() { return context.inputId(); }
        @Override public Source openSource(SourceSpec spec) { throw new UnsupportedOperationException("warm-up only decodes"); }
        @Override public DecodeOptions decodeOptions() { return context.decodeOptions(); }
        @Override public Path dataDir() { return context.dataDir(); }
        @Override public HeldBytes heldBytes() { return context.heldBytes(); }
        @Override public PodLookup pods() { return context.pods(); }
    }
}
