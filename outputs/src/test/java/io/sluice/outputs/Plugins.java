package io.sluice.outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.api.plugin.PluginRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** Creates outputs the way the daemon does: found through ServiceLoader, options bound from config. */
public final class Plugins {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Plugins() {}

    public static OutputPlugin plugin(String type) {
        OutputPlugin p = PluginRegistry.load().output(type);
        assertThat(p).as("output type %s registered", type).isNotNull();
        return p;
    }

    /** Binds {@code optionsJson} (the YAML block as JSON) and creates the output; fails on any problem. */
    public static Output create(String type, String id, String optionsJson) {
        OutputPlugin p = plugin(type);
        OptionSpec.Binding b = p.options().bind(tree(optionsJson));
        assertThat(b.problems()).as("option problems").isEmpty();
        return p.create(id, b.options());
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
