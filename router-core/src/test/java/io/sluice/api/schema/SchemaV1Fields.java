package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The fields of the schema v1 contract ({@code io/sluice/api/schema/schema-v1.json}, the
 * machine-readable docs/schema.md) by their dotted names. A leaf is a scalar, an array, or an object
 * of free keys ({@code labels}, {@code kubernetes.labels}, {@code attributes},
 * {@code log.syslog.structured_data}). The encoder writes nothing outside the contract (its
 * {@code additionalProperties: false} everywhere, checked by {@code SchemaV1Validator}), so this is
 * also the list of every field the encoder can write.
 */
public final class SchemaV1Fields {
    private static final JsonNode SCHEMA = load();

    private SchemaV1Fields() {}

    private static JsonNode load() {
        try (InputStream in = SchemaV1Fields.class.getResourceAsStream("/io/sluice/api/schema/schema-v1.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every leaf the contract defines; a pattern property {@code ^(a|b)$} counts as its fields {@code a} and {@code b}. */
    public static SortedSet<String> contract() {
        SortedSet<String> out = new TreeSet<>();
        contract("", SCHEMA, out);
        return out;
    }

    private static void contract(String prefix, JsonNode node, SortedSet<String> out) {
        node = resolve(node);
        if (!node.has("properties") && !node.has("patternProperties")) {
            out.add(prefix.substring(0, prefix.length() - 1));
            return;
        }
        node.path("properties").fields().forEachRemaining(f -> contract(prefix + f.getKey() + ".", f.getValue(), out));
        node.path("patternProperties").fields().forEachRemaining(f -> {
            for (String name : alternatives(f.getKey())) contract(prefix + name + ".", f.getValue(), out);
        });
    }

    /** The leaves of the contract that one encoded event has. */
    public static SortedSet<String> of(JsonNode event) {
        SortedSet<String> out = new TreeSet<>();
        present("", SCHEMA, event, out);
        return out;
    }

    private static void present(String prefix, JsonNode schema, JsonNode value, SortedSet<String> out) {
        schema = resolve(schema);
        if (!schema.has("properties") && !schema.has("patternProperties")) {
            out.add(prefix.substring(0, prefix.length() - 1));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode fieldSchema = schema.path("properties").get(f.getKey());
            if (fieldSchema == null) {
                for (var p = schema.path("patternProperties").fields(); p.hasNext(); ) {
                    var pattern = p.next();
                    if (f.getKey().matches(pattern.getKey())) fieldSchema = pattern.getValue();
                }
            }
            if (fieldSchema == null) throw new AssertionError(prefix + f.getKey() + " is not in schema-v1.json");
            present(prefix + f.getKey() + ".", fieldSchema, f.getValue(), out);
        }
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : SCHEMA.at(ref.asText().substring(1));
    }

    /** {@code ^(a|b|c)$} → a, b, c. */
    private static String[] alternatives(String pattern) {
        if (!pattern.matches("\\^\\([a-z_|]+\\)\\$")) throw new IllegalStateException("not a list of names: " + pattern);
        return pattern.substring(2, pattern.length() - 2).split("\\|");
    }
}
