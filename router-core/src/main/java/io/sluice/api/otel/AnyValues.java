package io.sluice.api.otel;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

import java.io.IOException;
import java.util.Base64;

/**
 * OTLP {@link AnyValue} → JSON, for schema v1 {@code attributes} (which hold JSON values): strings,
 * integers, doubles and booleans as themselves, arrays as arrays, key-value lists as objects, bytes
 * as base64 strings (JSON has no bytes, so bytes come back as strings). {@link AttributeValues} reads
 * them the other way.
 */
final class AnyValues {
    private AnyValues() {
    }

    static void write(AnyValue v, JsonGenerator g) throws IOException {
        switch (v.getValueCase()) {
            case STRING_VALUE -> g.writeString(v.getStringValue());
            case INT_VALUE -> g.writeNumber(v.getIntValue());
            case DOUBLE_VALUE -> g.writeNumber(v.getDoubleValue());
            case BOOL_VALUE -> g.writeBoolean(v.getBoolValue());
            case BYTES_VALUE -> g.writeString(Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                g.writeStartArray();
                for (AnyValue item : v.getArrayValue().getValuesList()) write(item, g);
                g.writeEndArray();
            }
            case KVLIST_VALUE -> {
                g.writeStartObject();
                for (KeyValue kv : v.getKvlistValue().getValuesList()) {
                    g.writeFieldName(kv.getKey());
                    write(kv.getValue(), g);
                }
                g.writeEndObject();
            }
            default -> g.writeNull(); // an empty AnyValue
        }
    }

    static KeyValue keyValue(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static KeyValue keyValue(String key, String value) {
        return keyValue(key, AnyValue.newBuilder().setStringValue(value).build());
    }

    static String hex(ByteString id) {
        return java.util.HexFormat.of().formatHex(id.toByteArray());
    }

    static ByteString unhex(String hex) {
        return ByteString.copyFrom(java.util.HexFormat.of().parseHex(hex));
    }
}
