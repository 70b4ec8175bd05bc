package io.sluice.inputs.kafka;

import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.SchemaV1Decoder;
import io.sluice.api.schema.TextRecordDecoder;

/** The decoder for each {@code format:} of the Kafka input. */
final class Formats {
    private Formats() {}

    static RecordDecoder.Factory decoder(String format, DecodeOptions options) {
        return switch (format) {
            case "schema" -> () -> new SchemaV1Decoder(new JsonRecordDecoder(options, true));
            case "json" -> () -> new JsonRecordDecoder(options, true);
            case "text" -> () -> new TextRecordDecoder(options);
            case "auto" -> () -> new SchemaV1Decoder(new JsonRecordDecoder(options, false));
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }
}
