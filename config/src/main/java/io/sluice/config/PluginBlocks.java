package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.core.pipeline.Router;
import io.sluice.core.pipeline.SinkOptions;
import io.sluice.api.plugin.InputPlugin;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.api.plugin.PluginRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Binds {@code inputs:}, {@code outputs:} and {@code dead_letter:}: each block names a plugin
 * {@code type} and is checked against that plugin's option spec.
 */
final class PluginBlocks {
    /** Ids show up in metrics, file names and messages: keep them to plain words. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final PluginRegistry registry;
    private final Problems problems;

    PluginBlocks(PluginRegistry registry, Problems problems) {
        this.registry = registry;
        this.problems = problems;
    }

    /** @param parsing the bound {@code parsers:}, which inputs' {@code parser:} may name */
    Map<String, InputConfig> inputs(JsonNode section, ParserBinder parsing) {
        Map<String, InputConfig> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(section, "inputs", "input")) {
            String path = KeyPaths.child("inputs", e.getKey());
            InputPlugin plugin = plugin(e.getValue(), path, "input", () -> registry.inputs().keySet(), registry::input);
            if (plugin == null) continue;
            Options options = bind(inputSpec(plugin), e.getValue(), path);
            if (options == null) continue;
            out.put(e.getKey(), new InputConfig(e.getKey(), plugin, options,
                    parsing.inputParser(options, path), parsing.aliases(options, path)));
        }
        return out;
    }

    Map<String, OutputConfig> outputs(JsonNode section) {
        Map<String, OutputConfig> out = new LinkedHashMap<>();
        List<Map.Entry<String, JsonNode>> entries = entries(section, "outputs", "output");
        if (entries.size() > Router.MAX_OUTPUTS) {
            problems.error(KeyPaths.child("outputs", entries.get(Router.MAX_OUTPUTS).getKey()), "at most "
                    + Router.MAX_OUTPUTS + " outputs are supported (an event's outputs are one 64-bit mask); this is output "
                    + (Router.MAX_OUTPUTS + 1) + " of " + entries.size());
        }
        for (Map.Entry<String, JsonNode> e : entries) {
            OutputConfig c = output(e.getKey(), e.getValue(), KeyPaths.child("outputs", e.getKey()));
            if (c != null) out.put(e.getKey(), c);
        }
        return out;
    }

    /** One output block at {@code path}; null when it has problems (reported). */
    OutputConfig output(String id, JsonNode block, String path) {
        OutputPlugin plugin = plugin(block, path, "output", () -> registry.outputs().keySet(), registry::output);
        if (plugin == null) return null;
        Options options = bind(outputSpec(plugin), block, path);
        return options == null ? null : new OutputConfig(id, plugin, options);
    }

    /** An input's own options plus the parsing options every input takes. */
    static OptionSpec inputSpec(InputPlugin plugin) {
        return plugin.options().with(ParserSpec.INPUT_PARSER, ParserSpec.INPUT_ALIASES).ignoring("type");
    }

    /** An output's own options plus the buffer, batch and retry blocks the core owns. */
    static OptionSpec outputSpec(OutputPlugin plugin) {
        return plugin.options().with(SinkOptions.BUFFER_BLOCK, SinkOptions.BATCH_BLOCK, SinkOptions.RETRY_BLOCK)
                .ignoring("type");
    }

    private List<Map.Entry<String, JsonNode>> entries(JsonNode section, String path, String what) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        if (section == null || section.isNull()) {
            problems.error(path, "at least one " + what + " is required, e.g. " + path + ": {"
                    + (what.equals("input") ? "app: {type: tcp, listen: 127.0.0.1:5170}" : "console: {type: stdout}") + "}");
            return list;
        }
        if (!section.isObject()) {
            problems.error(path, "expected a map of " + what + " ids to " + what + "s, found " + Words.kind(section));
            return list;
        }
        if (section.isEmpty()) problems.error(path, "at least one " + what + " is required");
        section.properties().forEach(e -> {
            if (ID.matcher(e.getKey()).matches()) {
                list.add(e);
            } else {
                problems.error(KeyPaths.child(path, e.getKey()), "'" + e.getKey() + "' is not a valid " + what
                        + " id; use up to 64 letters, digits, '_', '-' or '.', starting with a letter or digit");
            }
        });
        return list;
    }

    /** The plugin a block's {@code type} names; null when it names none (reported). */
    /**
     * @param known every type of this kind, for the error message: listing them scans the class path
     *              (PluginRegistry), so it is asked for only when there is an error to report
     */
    <P> P plugin(JsonNode block, String path, String what, Supplier<Set<String>> known,
                         java.util.function.Function<String, P> lookup) {
        if (block == null || !block.isObject()) {
            problems.error(path, "expected a map with the " + what + "'s type and options, found " + Words.kind(block));
            return null;
        }
        String typePath = KeyPaths.child(path, "type");
        JsonNode type = block.get("type");
        if (type == null || type.isNull()) {
            problems.error(typePath, "required option is missing: the " + what + " type; " + knownList(what, known.get()));
            return null;
        }
        if (!type.isTextual()) {
            problems.error(typePath, "expected the name of an " + what + " type, found " + Words.kind(type) + "; "
                    + knownList(what, known.get()));
            return null;
        }
        P plugin = lookup.apply(type.asText());
        if (plugin == null) {
            TreeSet<String> types = new TreeSet<>(known.get());
            problems.error(typePath, "unknown " + what + " type '" + type.asText() + "'"
                    + Words.didYouMean(type.asText(), types) + "; " + knownList(what, types));
        }
        return plugin;
    }

    private static String knownList(String what, Set<String> known) {
        return known.isEmpty() ? "no " + what + " types are installed" : "known types: " + String.join(", ", new TreeSet<>(known));
    }

    private Options bind(OptionSpec spec, JsonNode block, String path) {
        OptionSpec.Binding b = spec.bind(block);
        problems.options(path, b.problems());
        return b.options();
    }
}
