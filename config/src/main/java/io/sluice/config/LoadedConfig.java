package io.sluice.config;

import java.util.List;

/**
 * A pipeline that passed validation, with the warnings found on the way (e.g. an output no route
 * sends to); the CLI prints them in the same {@code file:line: path: message} form.
 */
public record LoadedConfig(PipelineConfig config, List<ConfigProblem> warnings) {
    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
