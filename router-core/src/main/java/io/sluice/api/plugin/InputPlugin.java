package io.sluice.api.plugin;

import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;

/**
 * Registers an input type ({@code type: tcp}) through {@code META-INF/services/io.sluice.api.plugin.InputPlugin}.
 * The spec's options are validated by the config module before {@link #create} is called.
 */
public interface InputPlugin {
    /** The {@code type:} word in the config. */
    String type();

    /** Every option the input takes (not {@code type}). */
    OptionSpec options();

    /** Creates an input from validated options; must not do I/O (that is {@link Input#start}). */
    Input create(String id, Options options);
}
