package io.sluice.api.otel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.sluice.api.event.Attributes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streaming reader gives what the OTLP mapping got from Jackson's tree model before: the same
 * keys in the same order, the same {@link AnyValue}s, and the same {@code asText()}/{@code asInt()}
 * for the keys that become record and scope fields. The tree model is the oracle here.
 */
class AttributeValuesTest {
    private static final ObjectMapper TREE = new ObjectMapper();

    /** Values of every JSON kind, and the edges of the number types and of text that asInt parses. */
    private static final List<String> VALUES = List.of(
            "\"text\"", "\"\"", "\"caf\\u00e9 \\\"q\\\" \\\\ \\n\"", "\"7\"", "\" 42 \"", "\"+3\"", "\"-12\"", "\"1.9\"",
            "\"1e3\"", "\"0x10\"", "\"abc\"", "\"99999999999\"", "\"-2147483649\"",
            "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
            "-9223372036854775808", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
            "0.0", "-0.0", "1.5", "-2.25", "1e3", "1E-7", "3.141592653589793", "1.0e308", "4.9e-324", "123456789.123456789",
            "1e400", "2.5e9", "-7.99",
            "true", "false", "null",
            "[]", "[1,\"a\",null,true,[2.5,{}]]", "{}", "{\"a\":1,\"b\":{\"c\":[true,null]},\"a\":2}",
            "{\"k\":\"v\",\"n\":-5,\"d\":0.5}");

    @Test
    void everyValueMapsAsTheTreeModelMappedIt() throws Exception {
        for (String v : VALUES) {
            Map<String, Object> read = AttributeValues.read(attributes("\"k\":" + v));
            JsonNode node = TREE.readTree("{\"k\":" + v + "}").get("k");
            assertThat(AttributeValues.any(read.get("k"))).as(v).isEqualTo(fromTree(node));
            assertThat(AttributeValues.text(read.get("k"))).as(v).isEqualTo(node.asText());
            assertThat(AttributeValues.asInt(read.get("k"))).as(v).isEqualTo(node.asInt());
        }
    }

    @Test
    void keysKeepTheirOrderAndAnObjectValueBecomesKeyValues() throws Exception {
        String entries = "\"z\":1,\"otel.resource\":{\"service.namespace\":\"shop\",\"n\":[1,2]},\"a\":\"x\",\"m\":null";
        Map<String, Object> read = AttributeValues.read(attributes(entries));
        JsonNode tree = TREE.readTree("{" + entries + "}");
        List<String> treeKeys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(treeKeys::add);
        assertThat(read.keySet()).containsExactlyElementsOf(treeKeys);
        assertThat(AttributeValues.keyValues((Map<?, ?>) read.get("otel.resource")))
                .isEqualTo(fromTree(tree.get("otel.resource")).getKvlistValue().getValuesList());
        assertThat(read.get("m")).isSameAs(AttributeValues.NULL);
    }

    @Test
    void noAttributesReadAsAnEmptyMap() {
        assertThat(AttributeValues.read(new Attributes())).isEmpty();
        assertThat(AttributeValues.read(null)).isEmpty();
    }

    @Test
    void attributesThatAreNotJsonFailAsBefore() {
        assertThatThrownBy(() -> AttributeValues.read(attributes("\"k\":[1,")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("attributes are not JSON");
    }

    private static Attributes attributes(String entries) {
        byte[] b = entries.getBytes(StandardCharsets.UTF_8);
        return Attributes.ofRecord(b, 0, b.length, -1L);
    }

    /** The mapping as it was, from Jackson's tree (the oracle). */
    private static AnyValue fromTree(JsonNode n) {
        AnyValue.Builder b = AnyValue.newBuilder();
        if (n.isTextual()) return b.setStringValue(n.textValue()).build();
        if (n.isIntegralNumber() && n.canConvertToLong()) return b.setIntValue(n.longValue()).build();
        if (n.isNumber()) return b.setDoubleValue(n.doubleValue()).build();
        if (n.isBoolean()) return b.setBoolValue(n.booleanValue()).build();
        if (n.isArray()) {
            ArrayValue.Builder a = ArrayValue.newBuilder();
            for (JsonNode item : n) a.addValues(fromTree(item));
            return b.setArrayValue(a).build();
        }
        if (n.isObject()) {
            KeyValueList.Builder kv = KeyValueList.newBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                kv.addValues(AnyValues.keyValue(e.getKey(), fromTree(e.getValue())));
            }
            return b.setKvlistValue(kv).build();
        }
        return b.build();
    }
}
