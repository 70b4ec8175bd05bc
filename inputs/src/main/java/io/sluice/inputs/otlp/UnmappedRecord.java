package io.sluice.inputs.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.otel.OtlpJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A log record the event loop could not map to schema v1, as the raw record it publishes in the
 * record's place: {@code {"otlp_unmapped":"<why>","original":"<the record>"}}, which the OTLP source's
 * decoder ({@link OtlpRecordDecoder}) refuses to the dead letters. The record is kept as a one-record
 * export request in OTLP/JSON, with its resource and scope, so an operator can read it and, once the
 * cause is fixed, POST it to {@code /v1/logs} again; should even that fail, as its protobuf bytes in
 * base64. Published in order with the mapped records, so the dead-letter path is the pipeline's own:
 * counted by stage and type, shown on the tap, written by the dead-letter sink.
 */
final class UnmappedRecord {
    /** Schema v1 JSON, which every other record of an OTLP source is, starts with {@code {"@timestamp":}. */
    private static final byte[] MARK = "{\"otlp_unmapped\":".getBytes(StandardCharsets.US_ASCII);
    private static final JsonFactory JSON = new JsonFactory();
    private static final String SERVICE_NAME = "service.name";

    private UnmappedRecord() {
    }

    /** Writes the record (with its resource and scope), why it could not be mapped, and its resource's service. */
    static void write(ResourceLogs rl, ScopeLogs sl, LogRecord r, String why, JsonBytes out) {
        out.raw(MARK).string(why).ascii(",\"original\":").string(original(rl, sl, r));
        for (KeyValue kv : rl.getResource().getAttributesList()) {
            // the dead letter's service.name, as the mapped records of the resource have it
            if (kv.getKey().equals(SERVICE_NAME) && kv.getValue().hasStringValue()) {
                out.ascii(",\"service\":").string(kv.getValue().getStringValue());
            }
        }
        out.raw((byte) '}');
    }

    private static String original(ResourceLogs rl, ScopeLogs sl, LogRecord r) {
        ExportLogsServiceRequest alone = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(rl.getResource()).setSchemaUrl(rl.getSchemaUrl())
                        .addScopeLogs(ScopeLogs.newBuilder().setScope(sl.getScope()).setSchemaUrl(sl.getSchemaUrl())
                                .addLogRecords(r)))
                .build();
        try {
            return new String(OtlpJson.print(alone), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException | StackOverflowError ex) {
            // what JSON cannot hold still has its bytes
            return "protobuf base64: " + Base64.getEncoder().encodeToString(alone.toByteArray());
        }
    }

    static boolean is(byte[] b, int off, int len) {
        return java.util.Arrays.equals(b, off, off + Math.min(len, MARK.length), MARK, 0, MARK.length);
    }

    /** The strings {@link #write} wrote: why, the original, the service (or null); null when the record is not one. */
    static String[] read(byte[] b, int off, int len) {
        String why = null;
        String original = null;
        String service = null;
        try (JsonParser p = JSON.createParser(b, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (key.equals("otlp_unmapped")) why = p.getValueAsString();
                else if (key.equals("original")) original = p.getValueAsString();
                else if (key.equals("service")) service = p.getValueAsString();
                else p.skipChildren();
            }
        } catch (IOException ex) {
            return null;
        }
        return why == null || original == null ? null : new String[] {why, original, service};
    }
}
