package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ECS 8.17's own field definitions (shared/ecs/ecs_flat_8.17.yml, read at test time, never copied),
 * and the check that an emitted event gives every ECS field a value of ECS's type.
 */
public final class EcsTypes {
    /** Emitted fields that are Sluice's own, not ECS (docs/schema.md "Fields that are not ECS"). */
    public static final Set<String> SLUICE_OWN = Set.of("input.type", "stream", "log.offset", "attributes");
    public static final Set<String> SLUICE_OWN_PREFIXES = Set.of("kubernetes.");

    private static JsonNode flat;

    private EcsTypes() {}

    static Path file() {
        return Path.of("").toAbsolutePath().getParent().resolve("../shared/ecs/ecs_flat_8.17.yml").normalize();
    }

    public static synchronized JsonNode flat() {
        if (flat == null) {
            try {
                flat = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return flat;
    }

    /** ECS's type of a field, or null when ECS does not define it. */
    public static String type(String flatName) {
        JsonNode f = flat().get(flatName);
        return f == null ? null : f.path("type").asText(null);
    }

    /** Every problem with the event: a field that is neither ECS nor Sluice's own, or a value of the wrong type. */
    public static List<String> problems(JsonNode event) {
        List<String> problems = new ArrayList<>();
        walk("", event, problems);
        return problems;
    }

    private static void walk(String prefix, JsonNode node, List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            JsonNode value = e.getValue();
            if (isSluiceOwn(name)) continue;
            String type = type(name);
            if (type == null && value.isObject()) {
                walk(name + ".", value, problems);
                continue;
            }
            if (type == null) {
                problems.add(name + " is not an ECS field and not one docs/schema.md names as Sluice's own");
                continue;
            }
            for (JsonNode v : value.isArray() ? value : List.of(value)) {
                if (!fits(type, v)) problems.add(name + " = " + v + " is not of ECS type " + type);
            }
            JsonNode allowed = flat().get(name).get("allowed_values");
            if (allowed != null && !allowedContains(allowed, value.asText())) {
                problems.add(name + " = " + value + " is not one of ECS's allowed values");
            }
        }
    }

    /** True for the fields docs/schema.md names as Sluice's own (exempt from the ECS check). */
    public static boolean isSluiceOwn(String flatName) {
        return SLUICE_OWN.contains(flatName) || SLUICE_OWN_PREFIXES.stream().anyMatch(flatName::startsWith);
    }

    private static boolean allowedContains(JsonNode allowed, String v) {
        for (JsonNode a : allowed) if (a.path("name").asText().equals(v)) return true;
        return false;
    }

    private static boolean fits(String type, JsonNode v) {
        return switch (type) {
            case "keyword", "constant_keyword", "wildcard", "text", "match_only_text" -> v.isTextual();
            case "long", "integer", "short", "byte" -> v.isIntegralNumber();
            case "float", "double", "scaled_float" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "date" -> v.isTextual() && v.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
            case "ip" -> v.isTextual() && v.asText().matches("[0-9.]+|[0-9a-fA-F:]+");
            case "object", "flattened", "nested" -> v.isObject();
            default -> false;
        };
    }
}
