package io.sluice.config;

import io.sluice.api.option.Options;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputPlugin;
import io.sluice.api.schema.FieldAliases;
import io.sluice.api.schema.RecordParser;

/**
 * One entry of {@code inputs:}: the user's id, the plugin of its {@code type}, its validated options,
 * and the user-defined parsing its {@code parser:} and {@code aliases:} select.
 *
 * @param parser  null when the input names none
 */
public record InputConfig(String id, InputPlugin plugin, Options options, RecordParser parser, FieldAliases aliases) {
    /** Creates the input; does no I/O. */
    public Input create() {
        return plugin.create(id, options);
    }
}
