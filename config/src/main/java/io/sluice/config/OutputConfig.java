package io.sluice.config;

import io.sluice.api.option.Options;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;

/**
 * One entry of {@code outputs:} (or the dead-letter output). {@code options} holds the plugin's own
 * options and the {@code buffer}, {@code batch} and {@code retry} blocks of
 * {@link io.sluice.core.pipeline.SinkOptions}, read with the same {@code Option} constants.
 */
public record OutputConfig(String id, OutputPlugin plugin, Options options) {
    /** Creates the output; does no I/O. */
    public Output create() {
        return plugin.create(id, options);
    }
}
