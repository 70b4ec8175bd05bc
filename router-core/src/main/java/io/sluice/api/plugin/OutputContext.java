package io.sluice.api.plugin;

import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;

/** What the pipeline gives an output. */
public interface OutputContext {
    String outputId();

    MeterRegistry meters();

    /** A directory owned by this output; created on first call. */
    Path dataDir();
}
