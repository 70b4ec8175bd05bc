package io.sluice.config;

import io.sluice.api.plugin.PluginRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The pipeline {@code sluice run} uses without {@code -c}: a TCP input {@code app} on
 * 127.0.0.1:5170 ({@code format: auto}) to a stdout output {@code console} ({@code format: json}),
 * with {@code data_dir} from {@code $SLUICE_DATA_DIR} or {@code ./data}. It is an embedded YAML file
 * loaded through {@link ConfigLoader}, so it is validated exactly like a user's file.
 */
public final class DefaultPipeline {
    /** The name the built-in file has in messages. */
    public static final Path SOURCE = Path.of("<built-in default pipeline>");
    private static final String RESOURCE = "default-pipeline.yaml";

    private DefaultPipeline() {}

    public static LoadedConfig load(PluginRegistry registry, Map<String, String> environment) throws ConfigException {
        return new ConfigLoader(registry, environment).load(SOURCE, yaml());
    }

    /** The YAML text, e.g. for {@code sluice run --print-default} or as a starting point. */
    public static String yaml() {
        try (InputStream in = DefaultPipeline.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the config jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
