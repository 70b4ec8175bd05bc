package io.sluice.config;

import io.sluice.api.option.Options;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputPlugin;

/** One entry of {@code inputs:}: the user's id, the plugin of its {@code type}, and its validated options. */
public record InputConfig(String id, InputPlugin plugin, Options options) {
    /** Creates the input; does no I/O. */
    public Input create() {
        return plugin.create(id, options);
    }
}
