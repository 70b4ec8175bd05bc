package io.sluice.api.plugin;

import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;

/**
 * Registers an output type ({@code type: file}) through {@code META-INF/services/io.sluice.api.plugin.OutputPlugin}.
 * The options shared by every output ({@code buffer}, {@code batch}, {@code retry}) are declared by
 * the core ({@link io.sluice.core.pipeline.SinkOptions}), not here.
 */
public interface OutputPlugin {
    String type();

    OptionSpec options();

    /** Creates an output from validated options; must not do I/O (that is {@link Output#start}). */
    Output create(String id, Options options);
}
