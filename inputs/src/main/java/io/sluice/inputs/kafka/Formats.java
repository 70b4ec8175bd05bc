package io.sluice.inputs.kafka;

import io.sluice.core.plugin.RecordDecoder;
import io.sluice.core.schema.DecodeOptions;
import io.sluice.core.schema.JsonRecordDecoder;
import io.sluice.core.schema.SchemaV1Decoder;
import io.sluice.core.schema.TextRecordDecoder;

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
