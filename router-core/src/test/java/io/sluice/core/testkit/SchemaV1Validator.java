package io.sluice.core.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.InputStream;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks JSON events against the machine-readable schema v1 contract
 * ({@code io/sluice/api/schema/schema-v1.json}), so every sink's tests can assert that what they
 * wrote is a valid event.
 */
public final class SchemaV1Validator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private SchemaV1Validator() {}

    private static JsonSchema load() {
        try (InputStream in = SchemaV1Validator.class.getResourceAsStream("/io/sluice/api/schema/schema-v1.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load schema-v1.json", e);
        }
    }

    /** The violations of one JSON event; empty when valid. */
    public static Set<String> violations(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            Set<ValidationMessage> messages = SCHEMA.validate(node);
            return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
        } catch (Exception e) {
            return Set.of("not JSON: " + e.getMessage());
        }
    }

    /** Throws an AssertionError naming every violation. */
    public static void assertValid(String json) {
        Set<String> v = violations(json);
        if (!v.isEmpty()) throw new AssertionError("not a valid schema v1 event: " + v + "\n" + json);
    }
}
