package io.sluice.api.option;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one plugin (or one nested block), declared once, with the {@link OptionRule rules}
 * that span several of them. {@link #bind} checks a YAML block against it and reports every
 * problem, not just the first.
 */
public final class OptionSpec {
    private final String name;
    private final String doc;
    private final Map<String, Option<?>> options = new LinkedHashMap<>();
    private final List<String> ignoredKeys;
    private final List<OptionRule> rules;

    private OptionSpec(String name, String doc, List<Option<?>> list, List<String> ignoredKeys, List<OptionRule> rules) {
        this.name = name;
        this.doc = doc;
        for (Option<?> o : list) {
            if (options.put(o.name(), o) != null) throw new IllegalArgumentException("duplicate option " + o.name());
        }
        this.ignoredKeys = List.copyOf(ignoredKeys);
        for (OptionRule r : rules) {
            for (Option<?> o : r.about()) {
                if (!declares(o)) throw new IllegalArgumentException("rule '" + r.description() + "' names '"
                        + o.name() + "', which is not in spec " + name);
            }
        }
        this.rules = List.copyOf(rules);
    }

    public static OptionSpec of(String name, String doc, Option<?>... options) {
        return new OptionSpec(name, doc, List.of(options), List.of(), List.of());
    }

    /** A copy that also checks the given cross-option rules when it binds a block. */
    public OptionSpec rule(OptionRule... more) {
        List<OptionRule> all = new ArrayList<>(rules);
        all.addAll(List.of(more));
        return new OptionSpec(name, doc, new ArrayList<>(options.values()), ignoredKeys, all);
    }

    /** A copy that also accepts (and leaves alone) the given keys, e.g. {@code type}, bound elsewhere. */
    public OptionSpec ignoring(String... keys) {
        List<String> all = new ArrayList<>(ignoredKeys);
        all.addAll(List.of(keys));
        return new OptionSpec(name, doc, new ArrayList<>(options.values()), all, rules);
    }

    /** A copy with further options appended (e.g. the options every output shares). */
    public OptionSpec with(Option<?>... more) {
        List<Option<?>> all = new ArrayList<>(options.values());
        all.addAll(List.of(more));
        return new OptionSpec(name, doc, all, ignoredKeys, rules);
    }

    public String name() { return name; }
    public String doc() { return doc; }
    public List<Option<?>> options() { return Collections.unmodifiableList(new ArrayList<>(options.values())); }
    public List<OptionRule> rules() { return rules; }

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
        List<String> wrong = new ArrayList<>();
        for (Option<?> o : options.values()) {
            int before = problems.size();
            bindOption(o, block.get(o.name()), prefix, values, problems);
            if (problems.size() > before) wrong.add(o.name());
        }
        Options bound = new Options(this, values);
        for (OptionRule r : rules) {
            // A rule over an option that is itself wrong would only repeat that problem in other words.
            if (r.about().stream().anyMatch(o -> wrong.contains(o.name()))) continue;
            r.check(bound).ifPresent(p -> problems.add(new OptionProblem(prefix + p.path(), p.message())));
        }
        return bound;
    }

    private void bindOption(Option<?> o, JsonNode node, String prefix, Map<String, Object> values,
                            List<OptionProblem> problems) {
        String path = prefix + o.name();
        if (node == null || node.isNull()) {
            if (o.required()) problems.add(new OptionProblem(path, "required option is missing: " + o.doc()));
            if (o.nested() != null && o.defaultValue() == null) {
                // An absent optional block binds to its defaults; its required keys are only
                // missing when the block itself is required (e.g. no tls: means no TLS).
                List<OptionProblem> inner = o.required() ? problems : new ArrayList<>();
                values.put(o.name(), o.nested().bind(null, path + ".", inner));
            }
            return;
        }
        if (o.nested() != null) {
            values.put(o.name(), o.nested().bind(node, path + ".", problems));
            return;
        }
        try {
            values.put(o.name(), o.parse(node));
        } catch (OptionException e) {
            problems.add(new OptionProblem(path, e.getMessage()));
        }
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
