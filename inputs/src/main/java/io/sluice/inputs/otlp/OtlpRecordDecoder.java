package io.sluice.inputs.otlp;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Rejection;
import io.sluice.api.event.Tags;
import io.sluice.api.plugin.RecordDecoder;

import java.nio.charset.StandardCharsets;

/**
 * Decodes an OTLP source's records: the schema v1 JSON its event loop mapped each log record to (by
 * {@code mapped}), or an {@link UnmappedRecord}, which is refused to the dead letters with its reason,
 * the original record as both message and {@code event.original}, and its resource's {@code service.name}.
 */
final class OtlpRecordDecoder implements RecordDecoder {
    private final RecordDecoder mapped;

    OtlpRecordDecoder(RecordDecoder mapped) {
        this.mapped = mapped;
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        if (!UnmappedRecord.is(b, off, len)) {
            mapped.decode(b, off, len, event);
            return;
        }
        String[] record = UnmappedRecord.read(b, off, len);
        String why = record == null ? "unreadable" : record[0];
        String original = record == null ? new String(b, off, len, StandardCharsets.UTF_8) : record[1];
        event.message(original).original(original).addTag(Tags.PARSE_FAILED);
        if (record != null && record[2] != null) event.serviceName(record[2]);
        event.reject(new Rejection("decode", Rejection.PARSE_ERROR, "OTLP log record not mapped to schema v1: " + why));
    }

    @Override
    public void batchDone() {
        mapped.batchDone();
    }
}
