package io.sluice.config;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Types;
import io.sluice.core.pipeline.SinkOptions;
import io.sluice.api.plugin.PluginRegistry;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Generates the configuration reference (Markdown) from the option specs: the file's top level,
 * routes, and every installed input and output type. The docs cannot drift from what the
 * validator accepts because both read the same specs.
 */
public final class ConfigReference {
    private ConfigReference() {}

    public static String markdown(PluginRegistry registry) {
        StringBuilder md = new StringBuilder();
        md.append("# Sluice configuration reference\n\n")
                .append("Generated from the option specs of Sluice and of the installed plugins; do not edit by hand.\n")
                .append("Values may use `${VAR}` or `${VAR:-default}` (environment variables); `$${` writes a literal `${`.\n\n");
        section(md, "## Pipeline file", PipelineSpec.FILE);
        section(md, "## Routes", PipelineSpec.ROUTE);
        section(md, "## Parsers", ParserSpec.PARSER);
        md.append("## Transforms\n\nEach entry of `transforms:` is `{type: <type>, name: ..., when: <condition>, ...options}`; ")
                .append("`when` takes the same conditions as a route's. They run in order on the workers, after ")
                .append("normalization and before routing.\n\n");
        for (var e : new TreeMap<>(registry.transforms()).entrySet()) {
            section(md, "### `" + e.getKey() + "`", e.getValue().options().with(TransformBinder.NAME));
        }
        md.append("## Inputs\n\nEach entry of `inputs:` is `id: {type: <type>, ...options}`.\n\n");
        section(md, "### Options every input takes", ParserSpec.INPUT_COMMON);
        for (var e : new TreeMap<>(registry.inputs()).entrySet()) {
            section(md, "### `" + e.getKey() + "`", e.getValue().options());
        }
        md.append("## Outputs\n\nEach entry of `outputs:` (and `dead_letter:`) is `id: {type: <type>, ...options}`.\n\n");
        section(md, "### Options every output takes", SinkOptions.COMMON);
        for (var e : new TreeMap<>(registry.outputs()).entrySet()) {
            section(md, "### `" + e.getKey() + "`", e.getValue().options());
        }
        return md.toString();
    }

    private static void section(StringBuilder md, String heading, OptionSpec spec) {
        md.append(heading).append("\n\n").append(cell(spec.doc())).append("\n\n")
                .append("| option | type | default | required | description |\n")
                .append("|---|---|---|---|---|\n");
        rows(md, "", spec);
        md.append('\n');
        StringBuilder rules = new StringBuilder();
        rules(rules, "", spec);
        if (rules.length() > 0) md.append("Rules:\n\n").append(rules).append('\n');
    }

    /** The spec's cross-option rules and those of its nested blocks, each block's under its path. */
    private static void rules(StringBuilder md, String prefix, OptionSpec spec) {
        for (OptionRule r : spec.rules()) {
            md.append("- ").append(prefix.isEmpty() ? "" : "in `" + prefix + "`: ").append(cell(r.description())).append('\n');
        }
        for (Option<?> o : spec.options()) {
            if (o.nested() != null) rules(md, prefix.isEmpty() ? o.name() : prefix + "." + o.name(), o.nested());
        }
    }

    private static void rows(StringBuilder md, String prefix, OptionSpec spec) {
        for (Option<?> o : spec.options()) {
            String name = prefix + o.name();
            String type = o.nested() != null ? "map" : o.type().describe();
            md.append("| `").append(name).append("` | ").append(cell(type)).append(" | ")
                    .append(cell(defaultText(o))).append(" | ").append(o.required() ? "yes" : "").append(" | ")
                    .append(cell(o.doc())).append(" |\n");
            if (o.nested() != null) rows(md, name + ".", o.nested());
        }
    }

    /** The default as a user would write it: {@code 10s}, {@code 16MiB}, {@code 127.0.0.1:8686}. */
    static String defaultText(Option<?> o) {
        Object v = o.defaultValue();
        if (v == null) return "";
        if (o.type() == Types.BYTE_SIZE && v instanceof Long n) return "`" + bytes(n) + "`";
        if (v instanceof Duration d) return "`" + duration(d) + "`";
        if (v instanceof InetSocketAddress a) return "`" + a.getHostString() + ":" + a.getPort() + "`";
        if (v instanceof Collection<?> c) return "`[" + c.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]`";
        if (v instanceof Map<?, ?> m) {
            return "`{" + m.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + "}`";
        }
        return "`" + v + "`";
    }

    static String bytes(long n) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        long[] sizes = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (n >= sizes[i] && n % sizes[i] == 0) return n / sizes[i] + units[i];
        }
        return Long.toString(n);
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 || ms % 1000 != 0) return ms + "ms";
        long s = ms / 1000;
        if (s % 86_400 == 0) return s / 86_400 + "d";
        if (s % 3600 == 0) return s / 3600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}
