package io.sluice.outputs.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The composable index template Sluice installs for its target: the schema v1 mapping (keywords for
 * identifiers, {@code date_nanos} times, {@code flattened} attributes so arbitrary application
 * fields never cause mapping explosions or conflicts) for the target's index pattern. Priority 200
 * puts it above Elasticsearch's built-in {@code logs-*-*} template (priority 100).
 */
final class IndexTemplate {
    static final int PRIORITY = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String pattern;
    private final boolean dataStream;

    IndexTemplate(TargetTemplate target, boolean dataStream) {
        this.pattern = target.indexPattern();
        this.dataStream = dataStream;
        // named after the pattern: outputs writing to the same pattern share one template
        this.name = "sluice-schema-v1-" + pattern.replace('*', 'x');
    }

    /** Which field types the mapping uses. */
    enum FieldTypes {
        /** ECS's own: {@code wildcard} and {@code match_only_text} (need the default distribution's modules). */
        ECS,
        /** The same fields as {@code keyword} (ignore_above 1024) and {@code text}, for clusters without them. */
        BASIC
    }

    String name() { return name; }
    String pattern() { return pattern; }

    /** The body of {@code PUT _index_template/<name>} with ECS's field types. */
    String body() {
        return body(FieldTypes.ECS);
    }

    /** The body of {@code PUT _index_template/<name>}. */
    String body(FieldTypes types) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("index_patterns").add(pattern);
        body.put("priority", PRIORITY);
        if (dataStream) body.putObject("data_stream");
        ObjectNode mappings = mappings();
        if (types == FieldTypes.BASIC) basic(mappings);
        body.putObject("template").set("mappings", mappings);
        ObjectNode meta = body.putObject("_meta");
        meta.put("managed_by", "sluice");
        meta.put("schema", "v1");
        return body.toString();
    }

    /** Replaces wildcard by keyword and match_only_text by text, everywhere in the mapping. */
    private static void basic(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof ObjectNode o) {
            String type = o.path("type").asText(null);
            if ("wildcard".equals(type)) {
                o.put("type", "keyword");
                o.put("ignore_above", 1024);
            } else if ("match_only_text".equals(type)) {
                o.put("type", "text");
            }
        }
        node.forEach(IndexTemplate::basic);
    }

    private static ObjectNode mappings() {
        try (InputStream in = IndexTemplate.class.getResourceAsStream("schema-v1-mappings.json")) {
            if (in == null) throw new IllegalStateException("schema-v1-mappings.json missing from the outputs jar");
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
