package io.sluice.core.testkit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.plugin.OutputContext;

import java.nio.file.Path;

/** An {@link OutputContext} for starting an output on its own. */
public final class OutputContexts {
    private OutputContexts() {}

    public static OutputContext of(String id, Path dir) {
        MeterRegistry meters = new SimpleMeterRegistry();
        return new OutputContext() {
            @Override public String outputId() { return id; }
            @Override public MeterRegistry meters() { return meters; }
            @Override public Path dataDir() { return dir; }
        };
    }
}
