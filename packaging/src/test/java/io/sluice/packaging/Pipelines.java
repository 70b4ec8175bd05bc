package io.sluice.packaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigLoader;
import io.sluice.config.PipelineConfig;
import io.sluice.api.plugin.PluginRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Validates a shipped pipeline with the real {@link ConfigLoader} and the plugins on the class path,
 * as {@code sluice validate} does.
 *
 * <p>The container, kafka and elasticsearch plugins are built in parallel with these recipes. Until
 * a type a pipeline names is registered, {@link #validate} skips (a JUnit assumption naming the
 * missing types), so the check turns itself on when the plugin lands. {@link #withStandIns} still
 * checks everything else in the file today (data_dir, admin, pipeline tuning, sink buffers,
 * variables) by swapping each unregistered plugin block for a registered one.
 */
final class Pipelines {
    static final YAMLMapper YAML = new YAMLMapper();
    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    private Pipelines() {}

    /** Full validation; skipped while a plugin type the pipeline names is not registered. */
    static PipelineConfig validate(Path source, String yaml, Map<String, String> env) {
        List<String> missing = missingTypes(tree(yaml));
        assumeTrue(missing.isEmpty(), () -> source + ": not validated yet, plugin types not registered: " + missing
                + " (this check turns on by itself when they are)");
        return load(source, yaml, env);
    }

    /**
     * Validation of everything but the options of unregistered plugin types: such an input becomes a
     * tcp input on a free port, such an output a blackhole keeping its buffer, batch and retry blocks.
     */
    static PipelineConfig withStandIns(Path source, String yaml, Map<String, String> env) {
        ObjectNode root = (ObjectNode) tree(yaml);
        replaceBlocks(root, "inputs", block -> REGISTRY.input(type(block)) != null ? block
                : YAML.createObjectNode().put("type", "tcp").put("listen", "127.0.0.1:0"));
        replaceBlocks(root, "outputs", Pipelines::outputStandIn);
        if (root.get("dead_letter") instanceof ObjectNode dl) root.set("dead_letter", outputStandIn(dl));
        try {
            return load(source, YAML.writeValueAsString(root), env);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /**
     * {@code ${VAR}} and {@code ${VAR:-default}} in one value read from the raw tree, for the few
     * checks that need an option of a stand-in plugin (the loader expands every bound option itself).
     */
    static String expand(String text, Map<String, String> env) {
        return VARIABLE.matcher(text).replaceAll(m -> {
            String value = env.get(m.group(1));
            String fallback = m.group(2);
            if (fallback != null && (value == null || value.isEmpty())) value = fallback;
            return Matcher.quoteReplacement(value == null ? "" : value);
        });
    }

    static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not YAML: " + e.getMessage(), e);
        }
    }

    /** Plugin types named in the pipeline that no registered plugin provides, as "input x" / "output y". */
    static List<String> missingTypes(JsonNode root) {
        List<String> missing = new ArrayList<>();
        root.path("inputs").forEach(b -> {
            if (REGISTRY.input(type(b)) == null) missing.add("input " + type(b));
        });
        List<JsonNode> outputs = new ArrayList<>();
        root.path("outputs").forEach(outputs::add);
        if (root.has("dead_letter")) outputs.add(root.get("dead_letter"));
        for (JsonNode b : outputs) {
            if (REGISTRY.output(type(b)) == null && !missing.contains("output " + type(b))) missing.add("output " + type(b));
        }
        return missing;
    }

    private static PipelineConfig load(Path source, String yaml, Map<String, String> env) {
        try {
            return new ConfigLoader(REGISTRY, env).load(source, yaml).config();
        } catch (ConfigException e) {
            return fail("%s does not validate:%n%s", source, e.getMessage());
        }
    }

    private static JsonNode outputStandIn(JsonNode block) {
        if (REGISTRY.output(type(block)) != null) return block;
        ObjectNode standIn = YAML.createObjectNode().put("type", "blackhole");
        for (String shared : List.of("buffer", "batch", "retry")) {
            if (block.has(shared)) standIn.set(shared, block.get(shared));
        }
        return standIn;
    }

    private static void replaceBlocks(ObjectNode root, String section, UnaryOperator<JsonNode> replace) {
        if (!(root.get(section) instanceof ObjectNode blocks)) return;
        List<String> ids = new ArrayList<>();
        blocks.fieldNames().forEachRemaining(ids::add);
        for (String id : ids) blocks.set(id, replace.apply(blocks.get(id)));
    }

    private static String type(JsonNode block) {
        return block.path("type").asText("");
    }
}
