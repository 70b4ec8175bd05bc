package io.sluice.inputs.container;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Rejection;
import io.sluice.api.event.Tags;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.RecordFormats;
import io.sluice.api.schema.TextRecordDecoder;

import java.nio.charset.StandardCharsets;

/**
 * What the container decoders share: the application's own line inside a runtime record is
 * normalized like any record (a JSON line becomes structured fields, anything else is text), then
 * the runtime's stream and time are added, the time only when the line carried none.
 */
final class InnerText {
    private final DecodeOptions options;
    /** The standard {@code auto} format, so the input's parser and aliases apply to the application's line too. */
    private final RecordDecoder json;
    private final TextRecordDecoder text;

    InnerText(DecodeOptions options) {
        this.options = options;
        this.json = RecordFormats.STANDARD.decoders("auto", options).create();
        this.text = new TextRecordDecoder(options);
    }

    void decode(byte[] b, int off, int len, String stream, long runtimeNanos, LogEvent event) {
        json.decode(b, off, len, event);
        event.stream(stream);
        if (!event.hasTimestamp() && runtimeNanos != LogEvent.NO_TIME) event.timestampNanos(runtimeNanos);
    }

    /** The record is not in the runtime's format: passed on raw and tagged, or dead-lettered if so configured. */
    void failed(byte[] b, int off, int len, LogEvent event, String why) {
        text.decode(b, off, len, event);
        event.message(new String(b, off, len, StandardCharsets.UTF_8));
        event.addTag(Tags.PARSE_FAILED);
        if (options.deadLetterUnparseable()) event.reject(new Rejection("decode", Rejection.PARSE_ERROR, why));
    }
}
