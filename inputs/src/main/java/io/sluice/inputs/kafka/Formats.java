package io.sluice.inputs.kafka;

import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.RecordFormats;
import io.sluice.api.schema.SchemaV1Decoder;

/** The Kafka input's formats: the standard ones, plus schema v1 pass-through, which {@code auto} also recognises. */
final class Formats {
    private Formats() {}

    static final RecordFormats KAFKA = RecordFormats.STANDARD
            .with("auto", "schema v1 events when they are, else JSON objects structured, else text",
                    o -> () -> RecordFormats.parsedFirst(o, new SchemaV1Decoder(new JsonRecordDecoder(o, false))))
            .with("schema", "schema v1 events from another Sluice, passed on unchanged; others parsed as JSON",
                    o -> () -> RecordFormats.parsedFirst(o, new SchemaV1Decoder(new JsonRecordDecoder(o, true))));
}
