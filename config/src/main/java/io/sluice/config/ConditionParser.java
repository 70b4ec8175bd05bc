package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.event.Level;
import io.sluice.core.pipeline.Condition;
import io.sluice.api.event.FieldPaths;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Turns a route's {@code when:} into a {@link Condition}. Everything is checked here, once, so a
 * condition that could never match (an unknown field, {@code log.level: ERROR}) is a config error
 * rather than a route that silently takes nothing.
 */
final class ConditionParser {
    private static final List<String> OPERATORS = List.of("equals", "in", "regex", "exists", "contains",
            "starts_with", "gt", "gte", "lt", "lte");
    private static final String OPERATOR_LIST = "equals, in, regex, exists, contains, starts_with, gt, gte, lt, lte";
    private static final List<String> COMBINATORS = List.of("all", "any", "not");
    private static final Set<String> LEVELS = Arrays.stream(Level.values()).map(Level::text).collect(Collectors.toSet());
    private static final String SHAPES = "a condition is {field: F, equals|in|regex|exists|contains|starts_with|gt|gte|lt|lte: ...}, {all: [...]}, "
            + "{any: [...]} or {not: {...}}";

    private final Problems problems;

    ConditionParser(Problems problems) {
        this.problems = problems;
    }

    /** The condition, or null when it has problems (reported). */
    Condition parse(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            problems.error(path, "expected a condition map, found " + Words.kind(node) + "; " + SHAPES);
            return null;
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        if (keys.contains("field") || keys.stream().anyMatch(OPERATORS::contains)) return field(node, path);
        List<String> combinators = keys.stream().filter(COMBINATORS::contains).collect(Collectors.toList());
        for (String k : keys) {
            if (!COMBINATORS.contains(k)) {
                problems.error(KeyPaths.child(path, k), "unknown condition key" + Words.didYouMean(k, allKeys()) + "; " + SHAPES);
            }
        }
        if (combinators.size() != 1) {
            if (keys.isEmpty() || combinators.size() > 1) {
                problems.error(path, (keys.isEmpty() ? "empty condition" : "one condition per map; found "
                        + String.join(" and ", combinators) + ", nest them in all: [...]") + "; " + SHAPES);
            }
            return null;
        }
        String op = combinators.get(0);
        String opPath = KeyPaths.child(path, op);
        JsonNode arg = node.get(op);
        if (op.equals("not")) {
            Condition inner = parse(arg, opPath);
            return inner == null ? null : Condition.not(inner);
        }
        if (arg == null || !arg.isArray() || arg.isEmpty()) {
            problems.error(opPath, arg != null && arg.isArray() ? "needs at least one condition"
                    : "expected a list of conditions, found " + Words.kind(arg));
            return null;
        }
        List<Condition> parts = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < arg.size(); i++) {
            Condition c = parse(arg.get(i), KeyPaths.index(opPath, i));
            ok &= c != null;
            parts.add(c);
        }
        if (!ok) return null;
        return op.equals("all") ? Condition.all(List.copyOf(parts)) : Condition.any(List.copyOf(parts));
    }

    private Condition field(JsonNode node, String path) {
        boolean ok = true;
        List<String> ops = new ArrayList<>();
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (OPERATORS.contains(k)) {
                ops.add(k);
            } else if (!k.equals("field")) {
                problems.error(KeyPaths.child(path, k), "unknown key in a field condition" + Words.didYouMean(k, OPERATORS)
                        + "; a field condition takes field and one of " + OPERATOR_LIST);
                ok = false;
            }
        }
        String fieldPath = KeyPaths.child(path, "field");
        JsonNode f = node.get("field");
        String field = null;
        if (f == null || f.isNull()) {
            problems.error(fieldPath, "required option is missing: the field to test, e.g. field: log.level");
            ok = false;
        } else if (!f.isTextual()) {
            problems.error(fieldPath, "expected a field path such as log.level, found " + Words.kind(f));
            ok = false;
        } else if (!FieldPaths.isKnown(f.asText())) {
            problems.error(fieldPath, "unknown field '" + f.asText() + "'; use a schema v1 field such as log.level, "
                    + "service.name, message, host.name, input.id, trace.id, or labels.<key>, attributes.<key>");
            ok = false;
        } else {
            field = f.asText();
        }
        if (ops.size() != 1) {
            problems.error(path, ops.isEmpty() ? "a field condition needs one of " + OPERATOR_LIST
                    : "a field condition takes one of " + OPERATOR_LIST + "; found " + String.join(" and ", ops));
            return null;
        }
        String op = ops.get(0);
        Condition c = operator(op, field, node.get(op), KeyPaths.child(path, op));
        return ok ? c : null;
    }

    private Condition operator(String op, String field, JsonNode arg, String path) {
        switch (op) {
            case "equals": {
                String v = scalar(arg, path, field);
                return v == null || field == null ? null : Condition.equalsTo(field, v);
            }
            case "in": {
                if (arg == null || !arg.isArray() || arg.isEmpty()) {
                    problems.error(path, arg != null && arg.isArray() ? "needs at least one value"
                            : "expected a list of values, found " + Words.kind(arg));
                    return null;
                }
                List<String> values = new ArrayList<>();
                for (int i = 0; i < arg.size(); i++) values.add(scalar(arg.get(i), KeyPaths.index(path, i), field));
                return values.contains(null) || field == null ? null : Condition.in(field, values);
            }
            case "regex": {
                if (arg == null || !arg.isTextual()) {
                    problems.error(path, "expected a regular expression string, found " + Words.kind(arg));
                    return null;
                }
                try {
                    Pattern p = Pattern.compile(arg.asText());
                    return field == null ? null : Condition.regex(field, p);
                } catch (PatternSyntaxException e) {
                    problems.error(path, "invalid regular expression (RE2 syntax, no backreferences or lookaround): "
                            + e.getDescription() + " in " + e.getPattern());
                    return null;
                }
            }
            case "contains", "starts_with": {
                if (arg == null || !arg.isTextual() || arg.asText().isEmpty()) {
                    problems.error(path, "expected a non-empty string, found " + Words.kind(arg));
                    return null;
                }
                if (field == null) return null;
                return op.equals("contains") ? Condition.contains(field, arg.asText()) : Condition.startsWith(field, arg.asText());
            }
            case "gt", "gte", "lt", "lte": {
                if (arg == null || !arg.isNumber()) {
                    problems.error(path, "expected a number to compare with, found " + Words.kind(arg));
                    return null;
                }
                return field == null ? null
                        : Condition.compare(field, Condition.Comparison.valueOf(op.toUpperCase(java.util.Locale.ROOT)), arg.doubleValue());
            }
            default: {
                if (arg == null || !arg.isBoolean()) {
                    problems.error(path, "expected true or false, found " + Words.kind(arg));
                    return null;
                }
                return field == null ? null : Condition.exists(field, arg.booleanValue());
            }
        }
    }

    /** A value to compare with; null when it is wrong (reported). */
    private String scalar(JsonNode v, String path, String field) {
        if (v == null || !(v.isTextual() || v.isNumber() || v.isBoolean())) {
            problems.error(path, "expected a string, number or boolean to compare with, found " + Words.kind(v));
            return null;
        }
        String text = v.asText();
        if ("log.level".equals(field) && !LEVELS.contains(text)) {
            problems.error(path, "log.level is one of trace, debug, info, warn, error, fatal (lower case); '"
                    + text + "' never matches");
            return null;
        }
        return text;
    }

    private static List<String> allKeys() {
        List<String> all = new ArrayList<>(COMBINATORS);
        all.add("field");
        all.addAll(OPERATORS);
        return all;
    }
}
