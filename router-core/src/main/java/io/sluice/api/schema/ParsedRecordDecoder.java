package io.sluice.api.schema;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.plugin.RecordDecoder;

/**
 * An input's {@code parser:} in front of its {@code format}: a JSON object record goes to the format
 * (it has its own keys, and aliases); a record the parser matches is filled from its captures; any
 * other record is read by the format as it would be without a parser, and tagged {@code parse_failed}.
 */
final class ParsedRecordDecoder implements RecordDecoder {
    private final RecordParser parser;
    private final RecordDecoder format;
    private final DecodeOptions options;

    ParsedRecordDecoder(RecordParser parser, RecordDecoder format, DecodeOptions options) {
        this.parser = parser;
        this.format = format;
        this.options = options;
    }

    /** The wrapped decoder may count per record: its counts go out with the batch. */
    @Override
    public void batchDone() {
        format.batchDone();
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        if (startsWithBrace(b, off, len)) {
            format.decode(b, off, len, event);
        } else if (!parser.apply(b, off, len, event, options)) {
            format.decode(b, off, len, event);
            event.addTag(Tags.PARSE_FAILED);
        }
    }

    private static boolean startsWithBrace(byte[] b, int off, int len) {
        int p = off;
        while (p < off + len && (b[p] == ' ' || b[p] == '\t')) p++;
        return p < off + len && b[p] == '{';
    }
}
