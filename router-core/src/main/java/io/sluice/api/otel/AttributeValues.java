package io.sluice.api.otel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.sluice.api.event.Attributes;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event's attributes read for the OTLP mapping with jackson-core's streaming parser, as plain values
 * ({@code String}, {@code Long}, {@code BigInteger} beyond a long, {@code Double}, {@code Boolean},
 * {@code List}, {@code Map} in order, {@link #NULL}), with the conversions the mapping needs. It used
 * Jackson's tree model before: the same values and conversions, but the only use of jackson-databind an
 * OTLP output had, some 300 classes loaded from the jars (they are not in the class-data cache) and a
 * tree per event (docs/performance.md, "Session 10: sink memory").
 */
final class AttributeValues {
    /** JSON null: present, unlike a missing key. */
    static final Object NULL = new Object();
    private static final JsonFactory JSON = new JsonFactory();

    private AttributeValues() {
    }

    /** The attributes as a mutable, ordered map (mapped keys are taken out as they are used). */
    static Map<String, Object> read(Attributes a) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (a == null || a.isEmpty()) return out;
        // from the same text the tree was read from: malformed UTF-8 in a raw value decodes as before
        try (JsonParser p = JSON.createParser(a.toJson())) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an object");
            readFields(p, out);
        } catch (IOException ex) {
            throw new IllegalStateException("attributes are not JSON: " + ex.getMessage(), ex);
        }
        return out;
    }

    /** The value at the parser's current token. A key twice in an object keeps its first place and its last value. */
    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(value(p));
                yield items;
            }
            case START_OBJECT -> readFields(p, new LinkedHashMap<>());
            case VALUE_NULL -> NULL;
            default -> throw new IOException("unexpected " + p.currentToken());
        };
    }

    private static Map<String, Object> readFields(JsonParser p, Map<String, Object> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            out.put(key, value(p));
        }
        if (p.currentToken() != JsonToken.END_OBJECT) throw new IOException("unexpected " + p.currentToken());
        return out;
    }

    /** Strings, integers, doubles and booleans as themselves, arrays as arrays, objects as key-value lists, null empty. */
    static AnyValue any(Object v) {
        AnyValue.Builder b = AnyValue.newBuilder();
        if (v instanceof String s) return b.setStringValue(s).build();
        if (v instanceof Long l) return b.setIntValue(l).build();
        if (v instanceof BigInteger big) return b.setDoubleValue(big.doubleValue()).build(); // beyond a long
        if (v instanceof Double d) return b.setDoubleValue(d).build();
        if (v instanceof Boolean bool) return b.setBoolValue(bool).build();
        if (v instanceof List<?> items) {
            ArrayValue.Builder a = ArrayValue.newBuilder();
            for (Object item : items) a.addValues(any(item));
            return b.setArrayValue(a).build();
        }
        if (v instanceof Map<?, ?> object) return b.setKvlistValue(KeyValueList.newBuilder().addAllValues(keyValues(object))).build();
        return b.build(); // null: an empty value
    }

    /** An object's fields as key-values, in order. */
    static List<KeyValue> keyValues(Map<?, ?> object) {
        List<KeyValue> out = new ArrayList<>(object.size());
        object.forEach((k, v) -> out.add(AnyValues.keyValue((String) k, any(v))));
        return out;
    }

    /** A value as text, as Jackson's {@code JsonNode.asText()} gives it: numbers and booleans printed, null "null", containers "". */
    static String text(Object v) {
        if (v instanceof String s) return s;
        if (v instanceof Long || v instanceof BigInteger || v instanceof Double || v instanceof Boolean) return v.toString();
        return v == NULL ? "null" : "";
    }

    /** A value as an int, as Jackson's {@code JsonNode.asInt()} gives it: numbers cast, text parsed (else 0), true 1. */
    static int asInt(Object v) {
        if (v instanceof String s) return NumberInput.parseAsInt(s, 0);
        if (v instanceof Number n) return n.intValue();
        if (v instanceof Boolean b) return b ? 1 : 0;
        return 0;
    }
}
