package io.sluice.daemon.replay;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.SchemaV1Decoder;

import java.nio.charset.StandardCharsets;

/**
 * Reads a dead-letter line back into an event for {@code sluice replay}. An event refused before it
 * reached any sink (stage {@code decode} or {@code normalize}) is decoded again from its
 * {@code event.original}, so the fixed pipeline sees the record as it first came; an event a sink
 * refused is taken as the schema v1 event it already is. Either way the dead-letter marks
 * ({@code error.type}, {@code error.message}, {@code error.code}) are removed.
 */
final class DeadLetterDecoder implements RecordDecoder {
    private final SchemaV1Decoder schema;
    private final JsonRecordDecoder original;

    DeadLetterDecoder(DecodeOptions options) {
        this.original = new JsonRecordDecoder(options, false);
        this.schema = new SchemaV1Decoder(new JsonRecordDecoder(options, false));
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        LogEvent seen = new LogEvent();
        schema.decode(b, off, len, seen);
        String stage = seen.errorCode();
        boolean refusedAtIngest = stage != null && (stage.equals("decode") || stage.equals("normalize"));
        if (refusedAtIngest && seen.original() != null) {
            byte[] raw = seen.original().getBytes(StandardCharsets.UTF_8);
            if (seen.inputType() != null) event.inputType(seen.inputType());
            original.decode(raw, 0, raw.length, event);
            return;
        }
        schema.decode(b, off, len, event);
        if (event.errorCode() != null) {
            event.errorType(null).errorMessage(null).errorCode(null);
        }
    }
}
