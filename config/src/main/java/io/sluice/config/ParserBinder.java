package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.schema.CaptureMapping;
import io.sluice.api.schema.CaptureType;
import io.sluice.api.schema.FieldAliases;
import io.sluice.api.schema.FieldFormats;
import io.sluice.api.schema.LineMatcher;
import io.sluice.api.schema.RecordParser;
import io.sluice.api.schema.SchemaField;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code parsers:} (compiling every pattern, so a bad one is reported by {@code validate} at
 * its line, not when the first record arrives) and each input's {@code parser:} and {@code aliases:}.
 */
final class ParserBinder {
    private final Problems problems;
    /** Every name under {@code parsers:}, including those with problems (reported there, not again at the input). */
    private final Set<String> declared = new LinkedHashSet<>();
    private final Map<String, RecordParser> parsers = new LinkedHashMap<>();

    ParserBinder(Problems problems) {
        this.problems = problems;
    }

    /** Binds {@code parsers:}; call before {@link #inputParser}. */
    void bindParsers(JsonNode section) {
        if (section == null || section.isNull()) return;
        if (!section.isObject()) {
            problems.error("parsers", "expected a map of parser names to parsers, found " + Words.kind(section));
            return;
        }
        section.properties().forEach(e -> {
            declared.add(e.getKey());
            RecordParser p = parser(e.getKey(), e.getValue(), KeyPaths.child("parsers", e.getKey()));
            if (p != null) parsers.put(e.getKey(), p);
        });
    }

    private RecordParser parser(String name, JsonNode block, String path) {
        OptionSpec.Binding b = ParserSpec.PARSER.bind(block);
        problems.options(path, b.problems());
        if (!b.ok()) return null;
        Options o = b.options();
        LineMatcher matcher;
        try {
            matcher = o.get(ParserSpec.TYPE).equals("grok") ? LineMatcher.grok(o.get(ParserSpec.PATTERN))
                    : LineMatcher.regex(o.get(ParserSpec.PATTERN));
        } catch (IllegalArgumentException ex) {
            problems.error(KeyPaths.child(path, "pattern"), ex.getMessage());
            return null;
        }
        Map<String, CaptureMapping> mappings = mappings(o.get(ParserSpec.FIELDS), matcher.names(), KeyPaths.child(path, "fields"));
        return mappings == null ? null : new RecordParser(name, matcher, mappings, block.toString());
    }

    private Map<String, CaptureMapping> mappings(JsonNode fields, List<String> captures, String path) {
        Map<String, CaptureMapping> out = new LinkedHashMap<>();
        if (fields == null || fields.isNull()) return out;
        if (!fields.isObject()) {
            problems.error(path, "expected a map of capture names to schema fields, found " + Words.kind(fields));
            return null;
        }
        boolean ok = true;
        for (var e : fields.properties()) {
            String at = KeyPaths.child(path, e.getKey());
            if (!captures.contains(e.getKey())) {
                problems.error(at, "the pattern has no capture named '" + e.getKey() + "'"
                        + Words.didYouMean(e.getKey(), captures) + "; its captures: " + String.join(", ", captures));
                ok = false;
                continue;
            }
            CaptureMapping m = mapping(e.getValue(), at);
            if (m == null) ok = false;
            else out.put(e.getKey(), m);
        }
        return ok ? out : null;
    }

    /** {@code field} or {@code {field, type, layout}}; null when wrong (reported). */
    private CaptureMapping mapping(JsonNode node, String at) {
        if (node.isTextual()) {
            SchemaField f = field(node.asText(), at);
            return f == null ? null : new CaptureMapping(f, f.type(), null);
        }
        if (!node.isObject()) {
            problems.error(at, "expected a schema field name or {field, type, layout}, found " + Words.kind(node));
            return null;
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("field", "type", "layout").contains(key)) {
                problems.error(KeyPaths.child(at, key), "unknown key '" + key + "'; a capture takes field, type and layout");
                return null;
            }
        }
        SchemaField field = null;
        if (node.hasNonNull("field")) {
            field = field(node.get("field").asText(), KeyPaths.child(at, "field"));
            if (field == null) return null;
        }
        CaptureType type = field != null ? field.type() : CaptureType.STRING;
        if (node.hasNonNull("type")) {
            String word = node.get("type").asText();
            CaptureType t = CaptureType.byWord(word);
            if (t == null) {
                problems.error(KeyPaths.child(at, "type"), "unknown type '" + word + "'; one of string, int, float, timestamp, level");
                return null;
            }
            if (field != null && !t.word().equals(type.word())) {
                problems.error(KeyPaths.child(at, "type"), field.path() + " holds a " + type.word() + ", not a " + word);
                return null;
            }
            if (field == null) type = t;
        }
        DateTimeFormatter layout = null;
        if (node.hasNonNull("layout")) {
            if (type != CaptureType.TIMESTAMP) {
                problems.error(KeyPaths.child(at, "layout"), "a layout needs type timestamp (or field @timestamp)");
                return null;
            }
            try {
                layout = DateTimeFormatter.ofPattern(node.get("layout").asText(), java.util.Locale.ROOT);
            } catch (IllegalArgumentException ex) {
                problems.error(KeyPaths.child(at, "layout"), "not a java.time layout: " + ex.getMessage());
                return null;
            }
        }
        return new CaptureMapping(field, type, layout);
    }

    private SchemaField field(String path, String at) {
        SchemaField f = SchemaField.byPath(path);
        if (f == null) {
            problems.error(at, "unknown schema field '" + path + "'" + Words.didYouMean(path, SchemaField.paths())
                    + "; one of " + String.join(", ", SchemaField.paths()));
        }
        return f;
    }

    /** An input's {@code parser:}; null when it has none or names no parser (reported). */
    RecordParser inputParser(Options input, String inputPath) {
        String name = input.get(ParserSpec.INPUT_PARSER);
        if (name == null) return null;
        if (!declared.contains(name)) {
            problems.error(KeyPaths.child(inputPath, "parser"), "no parser named '" + name + "'"
                    + Words.didYouMean(name, declared)
                    + (declared.isEmpty() ? "; declare it under parsers:" : "; parsers: " + String.join(", ", declared)));
        }
        return parsers.get(name);
    }

    /**
     * What a transform may parse a field with: the standard formats and the bound parsers. Call after
     * {@link #bindParsers}.
     */
    FieldFormats fieldFormats() {
        return FieldFormats.withParsers(parsers);
    }

    /**
     * Reports at {@code path} a format name that is neither a standard format nor under {@code parsers:}
     * (a declared parser with problems was reported there, not again here); false when reported.
     */
    boolean checkFormat(String name, String path) {
        if (declared.contains(name) || FieldFormats.STANDARD.contains(name)) return true;
        List<String> known = new ArrayList<>(FieldFormats.STANDARD.names());
        known.addAll(declared);
        problems.error(path, "no format or parser named '" + name + "'" + Words.didYouMean(name, known) + "; formats: "
                + String.join(", ", FieldFormats.STANDARD.names())
                + (declared.isEmpty() ? "; or declare a parser under parsers:" : "; parsers: " + String.join(", ", declared)));
        return false;
    }

    /** An input's {@code aliases:}. */
    FieldAliases aliases(Options input, String inputPath) {
        JsonNode node = input.get(ParserSpec.INPUT_ALIASES);
        if (node == null || node.isNull()) return FieldAliases.NONE;
        String path = KeyPaths.child(inputPath, "aliases");
        if (!node.isObject()) {
            problems.error(path, "expected a map of schema fields to lists of keys, found " + Words.kind(node));
            return FieldAliases.NONE;
        }
        Map<SchemaField, List<String>> out = new EnumMap<>(SchemaField.class);
        for (var e : node.properties()) {
            String at = KeyPaths.child(path, e.getKey());
            SchemaField f = field(e.getKey(), at);
            if (f == null) continue;
            List<String> keys = new ArrayList<>();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                keys.add(v.asText());
            } else if (v.isArray() && !v.isEmpty()) {
                v.forEach(k -> keys.add(k.asText()));
            } else {
                problems.error(at, "expected a key or a list of keys, found " + Words.kind(v));
                continue;
            }
            out.put(f, List.copyOf(keys));
        }
        return FieldAliases.of(out);
    }
}
