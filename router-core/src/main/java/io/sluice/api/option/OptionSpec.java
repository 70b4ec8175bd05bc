package io.sluice.api.option;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one plugin (or one nested block), declared once. {@link #bind} checks a YAML block
 * against it and reports every problem, not just the first.
 */
public final class OptionSpec {
    private final String name;
    private final String doc;
    private final Map<String, Option<?>> options = new LinkedHashMap<>();
    private final List<String> ignoredKeys;

    private OptionSpec(String name, String doc, List<Option<?>> list, List<String> ignoredKeys) {
        this.name = name;
        this.doc = doc;
        for (Option<?> o : list) {
            if (options.put(o.name(), o) != null) throw new IllegalArgumentException("duplicate option " + o.name());
        }
        this.ignoredKeys = List.copyOf(ignoredKeys);
    }

    public static OptionSpec of(String name, String doc, Option<?>... options) {
        return new OptionSpec(name, doc, List.of(options), List.of());
    }

    /** A copy that also accepts (and leaves alone) the given keys, e.g. {@code type}, bound elsewhere. */
    public OptionSpec ignoring(String... keys) {
        List<String> all = new ArrayList<>(ignoredKeys);
        all.addAll(List.of(keys));
        return new OptionSpec(name, doc, new ArrayList<>(options.values()), all);
    }

    /** A copy with further options appended (e.g. the options every output shares). */
    public OptionSpec with(Option<?>... more) {
        List<Option<?>> all = new ArrayList<>(options.values());
        all.addAll(List.of(more));
        return new OptionSpec(name, doc, all, ignoredKeys);
    }

    public String name() { return name; }
    public String doc() { return doc; }
    public List<Option<?>> options() { return Collections.unmodifiableList(new ArrayList<>(options.values())); }

    boolean declares(Option<?> option) {
        return options.get(option.name()) == option;
    }

    /** The result of binding: values when there were no problems. */
    public record Binding(Options options, List<OptionProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Binds a YAML mapping (null means empty). Problem paths are relative to the block. */
    public Binding bind(JsonNode block) {
        List<OptionProblem> problems = new ArrayList<>();
        Options opts = bind(block, "", problems);
        return new Binding(problems.isEmpty() ? opts : null, problems);
    }

    private Options bind(JsonNode block, String prefix, List<OptionProblem> problems) {
        if (block == null || block.isNull() || block.isMissingNode()) block = JsonNodeFactory.instance.objectNode();
        Map<String, Object> values = new LinkedHashMap<>();
        if (!block.isObject()) {
            problems.add(new OptionProblem(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
                    "expected a map of options, found " + Types.kind(block)));
            return new Options(this, values);
        }
        for (var it = block.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!options.containsKey(key) && !ignoredKeys.contains(key)) {
                problems.add(new OptionProblem(prefix + key, "unknown option" + suggestion(key)));
            }
        }
        for (Option<?> o : options.values()) {
            JsonNode node = block.get(o.name());
            String path = prefix + o.name();
            if (node == null || node.isNull()) {
                if (o.required()) problems.add(new OptionProblem(path, "required option is missing: " + o.doc()));
                if (o.nested() != null && o.defaultValue() == null) {
                    // An absent optional block binds to its defaults; its required keys are only
                    // missing when the block itself is required (e.g. no tls: means no TLS).
                    List<OptionProblem> inner = o.required() ? problems : new ArrayList<>();
                    values.put(o.name(), o.nested().bind(null, path + ".", inner));
                }
                continue;
            }
            if (o.nested() != null) {
                values.put(o.name(), o.nested().bind(node, path + ".", problems));
                continue;
            }
            try {
                values.put(o.name(), o.parse(node));
            } catch (OptionException e) {
                problems.add(new OptionProblem(path, e.getMessage()));
            }
        }
        return new Options(this, values);
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = 3;
        for (String known : options.keySet()) {
            int d = distance(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        String known = String.join(", ", options.keySet());
        return (best != null ? " (did you mean '" + best + "'?)" : "") + "; " + name + " takes: " + known;
    }

    /** Levenshtein distance; the config module uses it for "did you mean" on plugin types and ids too. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
