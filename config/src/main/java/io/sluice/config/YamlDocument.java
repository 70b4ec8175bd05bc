package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** A pipeline file's tree (after {@code ${VAR}} substitution) and the line where each key path starts. */
final class YamlDocument {
    private final JsonNode root;
    private final Map<String, Integer> lines;

    YamlDocument(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = Map.copyOf(lines);
    }

    JsonNode root() {
        return root;
    }

    /**
     * The line of the path, or of its nearest ancestor written in the file: a missing option is
     * reported on the line of the block that should hold it.
     */
    int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) return line;
            if (p.isEmpty()) return 1;
            p = KeyPaths.parent(p);
        }
    }
}
