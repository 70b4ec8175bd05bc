package io.sluice.outputs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.plugin.OutputContext;

import java.nio.file.Path;

/** An {@link OutputContext} for starting an output alone: a real meter registry and a temp data dir. */
public record TestOutputContext(String outputId, MeterRegistry meters, Path dataDir) implements OutputContext {
    /** {@code dataDir} should be a temp dir the test owns; outputs that use it create it as they need. */
    public TestOutputContext(String outputId, Path dataDir) {
        this(outputId, new SimpleMeterRegistry(), dataDir);
    }
}
