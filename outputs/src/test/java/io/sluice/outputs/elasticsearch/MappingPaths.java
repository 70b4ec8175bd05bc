package io.sluice.outputs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;

/** Finds a field's mapping by its dotted name in an Elasticsearch mapping's {@code properties}. */
final class MappingPaths {
    private MappingPaths() {}

    /**
     * The mapping of the field, or of the {@code flattened} field that holds it; null when the
     * mapping does not name it (Elasticsearch would map it dynamically, guessing its type).
     */
    static JsonNode find(JsonNode properties, String dottedName) {
        JsonNode node = null;
        JsonNode level = properties;
        for (String part : dottedName.split("\\.")) {
            if (level == null) return "flattened".equals(node.path("type").asText()) ? node : null;
            node = level.get(part);
            if (node == null) return null;
            level = node.get("properties");
        }
        return node;
    }

    /** The type a mapping gives; an object's mapping may leave it out. */
    static String type(JsonNode mapping) {
        return mapping.path("type").asText("object");
    }
}
