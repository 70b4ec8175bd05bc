package io.sluice.api.otel;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;

import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * OTLP {@link AnyValue} ↔ JSON, for schema v1 {@code attributes} (which hold JSON values): strings,
 * integers, doubles and booleans as themselves, arrays as arrays, key-value lists as objects, bytes
 * as base64 strings (JSON has no bytes, so bytes come back as strings).
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

    static AnyValue fromJson(JsonNode n) {
        AnyValue.Builder b = AnyValue.newBuilder();
        if (n.isTextual()) return b.setStringValue(n.textValue()).build();
        if (n.isIntegralNumber() && n.canConvertToLong()) return b.setIntValue(n.longValue()).build();
        if (n.isNumber()) return b.setDoubleValue(n.doubleValue()).build();
        if (n.isBoolean()) return b.setBoolValue(n.booleanValue()).build();
        if (n.isArray()) {
            ArrayValue.Builder a = ArrayValue.newBuilder();
            for (JsonNode item : n) a.addValues(fromJson(item));
            return b.setArrayValue(a).build();
        }
        if (n.isObject()) return b.setKvlistValue(KeyValueList.newBuilder().addAllValues(keyValues(n))).build();
        return b.build(); // null: an empty value
    }

    /** An object's fields as key-values, in order. */
    static Iterable<KeyValue> keyValues(JsonNode object) {
        java.util.List<KeyValue> out = new java.util.ArrayList<>(object.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(keyValue(e.getKey(), fromJson(e.getValue())));
        }
        return out;
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
