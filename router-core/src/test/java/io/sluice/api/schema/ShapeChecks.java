package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.core.testkit.SchemaV1Validator;

import static org.assertj.core.api.Assertions.assertThat;

/** Decodes a record as {@code format: auto} does and checks the event against schema v1 and ECS 8.17. */
final class ShapeChecks {
    private ShapeChecks() {}

    static JsonNode decodeChecked(String record) throws Exception {
        JsonNode event = NormalizerTableTest.normalize(record, DecodeOptions.DEFAULT);
        SchemaV1Validator.assertValid(event.toString());
        assertThat(EcsTypes.problems(event)).as("ECS check of %s from %s", event, record).isEmpty();
        return event;
    }
}
