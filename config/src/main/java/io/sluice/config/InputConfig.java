package io.sluice.config;

import io.sluice.core.option.Options;
import io.sluice.core.plugin.Input;
import io.sluice.core.plugin.InputPlugin;

/** One entry of {@code inputs:}: the user's id, the plugin of its {@code type}, and its validated options. */
public record InputConfig(String id, InputPlugin plugin, Options options) {
    /** Creates the input; does no I/O. */
    public Input create() {
        return plugin.create(id, options);
    }
}
