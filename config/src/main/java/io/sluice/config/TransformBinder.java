package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.api.plugin.TransformPlugin;
import io.sluice.core.pipeline.Condition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds {@code transforms:}, an ordered list of {@code {type, name, when, ...options}}: each entry
 * against its plugin's spec, its {@code when} like a route's, and the outputs it names against
 * {@code outputs:}.
 */
final class TransformBinder {
    static final Option<String> NAME = Option.of("name", Types.STRING)
            .doc("a name for metrics and messages (default: transforms[N])").build();

    private final PluginRegistry registry;
    private final Problems problems;
    private final ConditionParser conditions;
    private final ParserBinder parsing;

    /** @param parsing the bound {@code parsers:}, which transforms may parse fields with */
    TransformBinder(PluginRegistry registry, Problems problems, ParserBinder parsing) {
        this.registry = registry;
        this.problems = problems;
        this.conditions = new ConditionParser(problems);
        this.parsing = parsing;
    }

    List<TransformConfig> bind(JsonNode section, Set<String> outputIds) {
        List<TransformConfig> out = new ArrayList<>();
        if (section == null || section.isNull()) return out;
        if (!section.isArray()) {
            problems.error("transforms", "expected a list of transforms, each {type, when, ...options}, found " + Words.kind(section));
            return out;
        }
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < section.size(); i++) {
            TransformConfig t = entry(section.get(i), KeyPaths.index("transforms", i), outputIds);
            if (t == null) continue;
            String earlier = names.putIfAbsent(t.name(), KeyPaths.index("transforms", i));
            if (earlier != null) {
                problems.error(KeyPaths.child(KeyPaths.index("transforms", i), "name"),
                        "transform name '" + t.name() + "' is already used by " + earlier);
            }
            out.add(t);
        }
        return out;
    }

    private TransformConfig entry(JsonNode block, String path, Set<String> outputIds) {
        TransformPlugin plugin = new PluginBlocks(registry, problems).plugin(block, path, "transform",
                () -> registry.transforms().keySet(), registry::transform);
        if (plugin == null) return null;
        JsonNode when = block.get("when");
        Condition condition = when == null || when.isNull() ? Condition.ALWAYS : conditions.parse(when, KeyPaths.child(path, "when"));
        OptionSpec spec = plugin.options().with(NAME).ignoring("type", "when");
        OptionSpec.Binding b = spec.bind(block);
        problems.options(path, b.problems());
        if (!b.ok() || condition == null) return null;
        Options o = b.options();
        boolean ok = true;
        for (var named : plugin.outputsNamed(o).entrySet()) {
            if (!outputIds.contains(named.getValue())) {
                problems.error(KeyPaths.child(path, named.getKey()), "no output '" + named.getValue() + "'"
                        + Words.didYouMean(named.getValue(), outputIds) + "; outputs: " + String.join(", ", new TreeSet<>(outputIds)));
                ok = false;
            }
        }
        for (var named : plugin.formatsNamed(o).entrySet()) {
            ok &= parsing.checkFormat(named.getValue(), KeyPaths.child(path, named.getKey()));
        }
        String name = o.isSet(NAME) ? o.get(NAME) : path;
        return ok ? new TransformConfig(name, plugin, o, condition, parsing.fieldFormats()) : null;
    }
}
