package io.sluice.api.otel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;

import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The OTLP/JSON encoding of an export request. Protobuf's JsonFormat does most of it (int64 as
 * strings or numbers accepted, enums as integers, unknown fields ignored); OTLP differs from the
 * protobuf JSON mapping in one point, which this class handles: {@code traceId} and {@code spanId}
 * are hex, not base64.
 */
public final class OtlpJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().printingEnumsAsInts()
            .omittingInsignificantWhitespace();

    private OtlpJson() {
    }

    public static ExportLogsServiceRequest parse(byte[] json) throws InvalidProtocolBufferException {
        try {
            JsonNode tree = JSON.readTree(json);
            recodeIds(tree, true);
            ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
            PARSER.merge(JSON.writeValueAsString(tree), b);
            return b.build();
        } catch (InvalidProtocolBufferException ex) {
            throw ex;
        } catch (IOException | IllegalArgumentException ex) {
            throw new InvalidProtocolBufferException("not OTLP/JSON: " + ex.getMessage());
        }
    }

    /** An export response (partial success) in OTLP/JSON. */
    public static ExportLogsServiceResponse parseResponse(byte[] json) throws InvalidProtocolBufferException {
        ExportLogsServiceResponse.Builder b = ExportLogsServiceResponse.newBuilder();
        PARSER.merge(new String(json, java.nio.charset.StandardCharsets.UTF_8), b);
        return b.build();
    }

    /** A request or response in OTLP/JSON. */
    public static byte[] print(MessageOrBuilder message) throws IOException {
        JsonNode tree = JSON.readTree(PRINTER.print(message));
        recodeIds(tree, false);
        return JSON.writeValueAsBytes(tree);
    }

    /** Rewrites every logRecords[].traceId/spanId: hex to base64 before parsing, base64 to hex after printing. */
    private static void recodeIds(JsonNode tree, boolean hexToBase64) {
        for (JsonNode rl : tree.path("resourceLogs")) {
            for (JsonNode sl : rl.path("scopeLogs")) {
                for (JsonNode record : sl.path("logRecords")) {
                    if (record instanceof ObjectNode o) {
                        recode(o, "traceId", hexToBase64);
                        recode(o, "spanId", hexToBase64);
                    }
                }
            }
        }
    }

    private static void recode(ObjectNode record, String field, boolean hexToBase64) {
        JsonNode v = record.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) return;
        byte[] bytes = hexToBase64 ? HexFormat.of().parseHex(v.textValue()) : Base64.getDecoder().decode(v.textValue());
        record.put(field, hexToBase64 ? Base64.getEncoder().encodeToString(bytes) : HexFormat.of().formatHex(bytes));
    }
}
