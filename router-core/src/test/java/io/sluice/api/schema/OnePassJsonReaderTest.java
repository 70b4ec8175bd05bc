package io.sluice.api.schema;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.core.pipeline.RecordProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON decoder's one-pass reader must give, for every record, exactly the event Jackson's path
 * gives (which stays the reference and takes every record the reader leaves to it): compared as the
 * encoded schema v1 bytes plus the dead-letter reason, for hand-picked edge cases and for seeded
 * random records built from every known key, every value type, escapes, and mutations into invalid JSON.
 */
class OnePassJsonReaderTest {
    private static final long OBSERVED = 1_764_000_000_000_000_000L;
    private final RecordProcessor processor = new RecordProcessor(new Normalizer(
            new NormalizeSettings(Map.of(), DecodeOptions.DEFAULT.onInvalid(), "node-1")));
    private final EventEncoder encoder = new EventEncoder();
    private final JsonRecordDecoder onePass = new JsonRecordDecoder(DecodeOptions.DEFAULT, true, true);
    private final JsonRecordDecoder jackson = new JsonRecordDecoder(DecodeOptions.DEFAULT, true, false);

    private String output(JsonRecordDecoder decoder, String record) {
        RawBatch batch = new RawBatch(10, 1 << 22);
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        batch.add(b, 0, b.length, 0, b.length);
        SourceSpec spec = SourceSpec.of("test", "tcp", () -> decoder);
        LogEvent e = processor.process(batch, 0, spec, decoder, 7, OBSERVED, "app");
        return new String(encoder.encode(e), StandardCharsets.UTF_8) + " rejection=" + e.rejection();
    }

    private void assertSameAsJackson(String record) {
        assertThat(output(onePass, record)).as(record).isEqualTo(output(jackson, record));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{\"ts\":\"2026-11-25T10:00:01.123Z\",\"level\":\"info\",\"service\":\"checkout\",\"msg\":\"paid for order 1000001\","
                + "\"trace_id\":\"4BF92F3577B34DA6A3CE929D0E0E4736\",\"user_id\":7919,\"region\":\"eu-west-1\",\"latency_ms\":1}",
        "{}",
        " \t{ } \r\n",
        "{\"a\":1,\"a\":2,\"msg\":\"x\",\"msg\":\"y\"}",
        "{\"level\":\"warn\",\"level\":\"error\",\"service\":\"a\",\"service\":\"b\"}",
        "{\"k\\u0041\":1}",
        "{\"msg\":\"caf\\u00e9 \\/ slash\",\"logger\":\"a\\tb\"}",
        "{\"msg\":\"quote \\\" and \\\\ and \\n\"}",
        "{\"msg\":\"raw café 😀\",\"clé\":\"valeur\",\"日本\":[1,2]}",
        "{\"msg\":\"bad \\x escape\"}",
        "{\"msg\":\"raw \u0001 control\"}",
        "{\"ts\":1764000000,\"msg\":\"epoch seconds\"}",
        "{\"ts\":1764000000123,\"msg\":\"epoch millis\"}",
        "{\"ts\":1764000000.5,\"msg\":\"epoch decimal\"}",
        "{\"ts\":1.764e9,\"msg\":\"epoch exponent\"}",
        "{\"ts\":-5,\"msg\":\"negative\"}",
        "{\"ts\":123456789012345678901234567890,\"msg\":\"beyond long\"}",
        "{\"ts\":true,\"msg\":\"literal time\"}",
        "{\"ts\":null,\"time\":\"2026-11-25T10:00:00Z\"}",
        "{\"ts\":\"yesterday\",\"msg\":\"unparseable time\"}",
        "{\"ts\":\" 2026-11-25T10:00:00Z \",\"msg\":\"padded time\"}",
        "{\"ts\":\"2026-11-25T10:00:00\\u005a\",\"msg\":\"escaped time\"}",
        "{\"ts\":{\"a\":1},\"msg\":\"object time\"}",
        "{\"level\":30,\"msg\":\"pino level\"}",
        "{\"level\":99,\"msg\":\"unknown number level\"}",
        "{\"level\":99999999999999999999999,\"msg\":\"huge level\"}",
        "{\"level\":1.5,\"msg\":\"float level\"}",
        "{\"level\":false,\"msg\":\"literal level\"}",
        "{\"level\":\" WARNING \",\"msg\":\"padded level\"}",
        "{\"level\":\"loud\",\"msg\":\"unknown level\"}",
        "{\"pid\":99999999999999999999999,\"msg\":\"huge pid\"}",
        "{\"pid\":1.5,\"process\":42,\"msg\":\"float pid\"}",
        "{\"trace_id\":\"00000000000000000000000000000000\",\"span_id\":\"zz\"}",
        "{\"trace_id\":\"\\u0034bf92f3577b34da6a3ce929d0e0e4736\"}",
        "{\"trace_id\":42,\"spanId\":\"00f067aa0ba902b7\"}",
        "{\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\",\"msg\":\"w3c\"}",
        "{\"caller\":\"main/server.go:42\",\"msg\":\"zap\"}",
        "{\"caller\":\"no line\",\"file\":\"x.go:1\"}",
        "{\"error\":\"boom\",\"msg\":\"error as text\"}",
        "{\"error\":{\"type\":\"IOException\",\"message\":\"disk\",\"stack_trace\":\"at x\"},\"msg\":\"ecs error\"}",
        "{\"err\":{\"message\":\"m\",\"stack\":\"s\"},\"msg\":\"pino err\"}",
        "{\"mdc\":{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"user\":\"u\"},\"msg\":\"context\"}",
        "{\"ecs.version\":\"1.6.0\",\"ecs\":{\"version\":\"1.6.0\"},\"log.level\":\"info\",\"@timestamp\":\"2026-11-25T10:00:00Z\",\"message\":\"ecs\"}",
        "{\"log\":{\"level\":\"warn\"},\"message\":\"nested ecs\"}",
        "{\"@mt\":\"Hello {Name}\",\"Name\":\"World\",\"@t\":\"2026-11-25T10:00:00Z\"}",
        "{\"event\":\"structlog event\",\"msg\":\"both\"}",
        "{\"body\":{\"stringValue\":\"otel\"}}",
        "{\"instant\":{\"epochSecond\":1764000000,\"nanoOfSecond\":5},\"message\":\"log4j2\"}",
        "{\"thrown\":{\"extendedStackTrace\":[{\"class\":\"A\",\"method\":\"m\",\"file\":\"A.java\",\"line\":1}]},\"message\":\"x\"}",
        "{\"nested\":{\"deep\":[1,{\"a\":[true,false,null]},\"s\\\"\"]},\"n\":-0.5e-3}",
        "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
        "{\"a\":1,}",
        "{\"a\":[1,]}",
        "{\"a\":01}",
        "{\"a\":-}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":tru}",
        "{\"a\":truex}",
        "{\"a\":NaN}",
        "{\"a\":1} trailing",
        "{\"a\":1}{\"b\":2}",
        "{\"a\":1",
        "{\"a\" 1}",
        "{a:1}",
        "{\"a\":\"unterminated}",
        "{\"\":\"empty key\"}",
        "{\"msg\":\"\"}",
        "{\"msg\":42}",
        "{\"msg\":null,\"message\":\"second\"}",
        "{\"service\":\"  \",\"host\":\"\",\"msg\":\"blank labels\"}",
        "{\"big\":12345678901234567890123456789012345678901234567890,\"f\":1E400}",
        // attributes kept as one run of the record, and each way the run breaks
        "{\"msg\":\"m\",\"a\":1,\"b\":[1, 2],\"c\":{\"d\": \"e\"}}",
        "{\"a\":1,\"b\":2,\"a\":3}",
        "{\"a\":1,\"msg\":\"x\",\"b\":2}",
        "{\"a\": 1,\"b\":2}",
        "{\"a\":1 ,\"b\":2}",
        "{\"a\":1, \"b\":2,\"c\":3}",
        "{\"é\":1,\"b\":2}",
        "{\"b\":2,\"é\":1}",
        "{\"Aa\":1,\"BB\":2,\"Aa\":3}",
        "{\"a\":1,\"ts\":\"yesterday\",\"b\":2}",
        "{\"ts\":\"yesterday\",\"a\":1,\"b\":2}",
        "{\"msg\":\"{a} and {b}\",\"message_template\":\"{a} and {b}\",\"a\":1,\"b\":\"two\"}",
    })
    void givesWhatJacksonsPathGives(String record) {
        assertSameAsJackson(record);
    }

    @Test
    void takesTheCommonRecordAndLeavesEscapedKeysToJackson() {
        OnePassJsonReader reader = new OnePassJsonReader(new KeyBytesTable(KeyTable.ROOT));
        byte[] common = "{\"ts\":\"2026-11-25T10:00:01.123Z\",\"level\":\"info\",\"msg\":\"m\",\"user_id\":1,\"tags\":[\"a\"]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] escapedKey = "{\"m\\u0073g\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(common, 0, common.length, new RecordFields(), true)).isTrue();
        assertThat(reader.read(escapedKey, 0, escapedKey.length, new RecordFields(), true)).isFalse();
    }

    @Test
    void aDuplicateAttributeKeepsTheLastValueAndADuplicateFieldTheFirst() {
        String out = output(onePass, "{\"msg\":\"first\",\"msg\":\"second\",\"k\":1,\"x\":0,\"k\":2}");
        assertThat(out).contains("\"message\":\"first\"").contains("\"msg\":\"second\"").contains("\"k\":2")
                .doesNotContain("\"k\":1");
    }

    @Test
    void aHugeValueIsCopiedWhole() {
        String big = "x".repeat(3 << 20);
        String record = "{\"msg\":\"m\",\"blob\":\"" + big + "\",\"n\":1}";
        assertThat(output(onePass, record)).contains(big);
        assertSameAsJackson(record);
    }

    @Test
    void randomRecordsGiveWhatJacksonsPathGives() {
        Random r = new Random(7);
        List<String> keys = new ArrayList<>(KeyTable.ROOT.keySet());
        keys.addAll(List.of("user_id", "region", "a", "b", "clé", "k\\\"q", "k\\u0041", ""));
        for (int n = 0; n < 5_000; n++) {
            StringBuilder s = new StringBuilder("{");
            int members = r.nextInt(8);
            for (int m = 0; m < members; m++) {
                if (m > 0) s.append(r.nextInt(20) == 0 ? " , " : ",");
                s.append('"').append(keys.get(r.nextInt(keys.size()))).append("\":");
                value(s, r, 0);
            }
            s.append('}');
            String record = s.toString();
            if (r.nextInt(5) == 0) record = mutate(record, r);
            assertSameAsJackson(record);
        }
    }

    private static final String[] STRINGS = {
        "info", "WARN", " error ", "30", "checkout", "plain text", "", "2026-11-25T10:00:01.123Z", "2026-11-25 10:00:01,123",
        "1764000000", "4bf92f3577b34da6a3ce929d0e0e4736", "4BF92F3577B34DA6A3CE929D0E0E4736", "00f067aa0ba902b7",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "main.go:42", "café", "😀", "q\\\"q", "b\\\\s",
        "n\\nl", "\\u00e9", "\\ud83d\\ude00", "s\\/s", "\\u0000", "java.io.IOException: disk\\n\\tat A.b(A.java:1)",
    };
    private static final String[] NUMBERS = {
        "0", "-0", "7", "30", "-12", "1764000000", "1764000000123", "1764000000123456789", "99999999999999999999",
        "1.5", "-0.25", "1764000000.5", "1e3", "1.764E9", "2E-3",
    };

    private static void value(StringBuilder s, Random r, int depth) {
        switch (r.nextInt(depth > 2 ? 3 : 5)) {
            case 0 -> s.append('"').append(STRINGS[r.nextInt(STRINGS.length)]).append('"');
            case 1 -> s.append(NUMBERS[r.nextInt(NUMBERS.length)]);
            case 2 -> s.append(new String[] {"true", "false", "null"}[r.nextInt(3)]);
            case 3 -> {
                s.append('{');
                int members = r.nextInt(4);
                for (int m = 0; m < members; m++) {
                    if (m > 0) s.append(',');
                    s.append('"').append(new String[] {"message", "type", "stack", "trace_id", "x", "level"}[r.nextInt(6)]).append("\": ");
                    value(s, r, depth + 1);
                }
                s.append('}');
            }
            default -> {
                s.append('[');
                int items = r.nextInt(4);
                for (int m = 0; m < items; m++) {
                    if (m > 0) s.append(", ");
                    value(s, r, depth + 1);
                }
                s.append(']');
            }
        }
    }

    private static final String INSERTS = "{}[],:\"\\ 0-.eE\u0001x";

    private static String mutate(String record, Random r) {
        int at = r.nextInt(record.length());
        return switch (r.nextInt(3)) {
            case 0 -> record.substring(0, at) + record.substring(at + 1);
            case 1 -> record.substring(0, at) + INSERTS.charAt(r.nextInt(INSERTS.length())) + record.substring(at);
            default -> record.substring(0, at);
        };
    }
}
