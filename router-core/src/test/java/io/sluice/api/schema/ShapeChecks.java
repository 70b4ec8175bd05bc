package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.core.testkit.SchemaV1Validator;

import static org.assertj.core.api.Assertions.assertThat;

/** Decodes a record as an input's format does and checks the event against schema v1 and ECS 8.17. */
final class ShapeChecks {
    private ShapeChecks() {}

    static JsonNode decodeChecked(String record) throws Exception {
        return decodeChecked(record, "auto");
    }

    /** As {@code format} reads it: one of {@link RecordFormats#STANDARD}'s names. */
    static JsonNode decodeChecked(String record, String format) throws Exception {
        return decodeChecked(record, format, DecodeOptions.DEFAULT);
    }

    /** With {@code options}: {@code InvalidPolicy.REPAIR} shows a refused value as an {@code invalid_*} tag. */
    static JsonNode decodeChecked(String record, String format, DecodeOptions options) throws Exception {
        JsonNode event = NormalizerTableTest.normalize(record, options, RecordFormats.STANDARD.decoders(format, options));
        SchemaV1Validator.assertValid(event.toString());
        assertThat(EcsTypes.problems(event)).as("ECS check of %s from %s", event, record).isEmpty();
        return event;
    }
}
