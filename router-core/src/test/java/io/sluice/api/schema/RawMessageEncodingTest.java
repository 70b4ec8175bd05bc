package io.sluice.api.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.JsonEscapedText;
import io.sluice.api.event.LogEvent;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.core.pipeline.RecordProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON record's message is kept as its escaped bytes and copied into the output: the encoded event
 * must be byte for byte what encoding the decoded message as a {@code String} gives, and
 * {@code message()} must still return the decoded text (routes and text sinks read it).
 */
class RawMessageEncodingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long OBSERVED = 1_764_000_000_000_000_000L;

    private static LogEvent decode(String record) {
        RecordProcessor processor = new RecordProcessor(new Normalizer(
                new NormalizeSettings(Map.of(), DecodeOptions.DEFAULT.onInvalid(), "node-1")));
        RawBatch batch = new RawBatch(10, 1 << 20);
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        batch.add(b, 0, b.length, 0, b.length);
        SourceSpec spec = SourceSpec.of("test", "tcp", () -> new JsonRecordDecoder(DecodeOptions.DEFAULT, true));
        return processor.process(batch, 0, spec, spec.decoder().create(), 7, OBSERVED, "app");
    }

    /** Each value is the message as written inside the JSON record's quotes. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "plain ascii message for order 1000042",
        "",
        "quote \\\" inside",
        "backslash \\\\ path C:\\\\tmp",
        "two\\nlines\\r\\n",
        "tab\\tback\\bform\\f",
        "caf\\u00e9",
        "raw café",
        "emoji \\ud83d\\ude00 escaped",
        "emoji 😀 raw",
        "slash \\/ escaped",
        "control \\u0001 and \\u001f",
        "upper hex \\u00E9 \\u001F",
        "del \u007f char",
        "mixed ü \\\" \\n 😀 \\u2028 end\\\\",
    })
    void encodedBytesMatchTheStringPath(String escaped) throws Exception {
        String record = "{\"msg\":\"" + escaped + "\",\"level\":\"info\",\"ts\":\"2026-01-02T03:04:05Z\",\"k\":1}";
        String expectedText = MAPPER.readTree(record).get("msg").asText();

        LogEvent kept = decode(record);
        byte[] viaKept = new EventEncoder().encode(kept);

        LogEvent viaString = decode(record).message(expectedText);
        assertThat(viaString.messageRawBytes()).isNull();
        byte[] viaStringBytes = new EventEncoder().encode(viaString);

        assertThat(new String(viaKept, StandardCharsets.UTF_8)).isEqualTo(new String(viaStringBytes, StandardCharsets.UTF_8));
        assertThat(viaKept).isEqualTo(viaStringBytes);
        JsonBytes alone = new JsonBytes(64);
        alone.string(expectedText);
        assertThat(new String(viaKept, StandardCharsets.UTF_8)).contains(",\"message\":" + alone + ",");
        assertThat(kept.message()).isEqualTo(expectedText);
        assertThat(MAPPER.readTree(viaKept).get("message").asText()).isEqualTo(expectedText);
    }

    @Test
    void commonMessagesAreKeptAsBytesAndEscapedFormsThatWouldChangeAreNot() {
        assertThat(decode("{\"msg\":\"order 42 paid\"}").messageRawBytes()).isNotNull();
        assertThat(decode("{\"msg\":\"a \\\"b\\\" \\n café 😀\"}").messageRawBytes()).isNotNull();
        assertThat(decode("{\"msg\":\"caf\\u00e9\"}").messageRawBytes()).isNull();
        assertThat(decode("{\"msg\":\"a\\/b\"}").messageRawBytes()).isNull();
        assertThat(decode("{\"msg\":\"caf\\u00e9\"}").message()).isEqualTo("café");
    }

    @Test
    void settingAStringReplacesKeptBytesAndCopiesShareThem() {
        LogEvent e = decode("{\"msg\":\"kept \\\"bytes\\\"\"}");
        LogEvent copy = e.copy();
        assertThat(copy.message()).isEqualTo("kept \"bytes\"");
        e.message("replaced");
        assertThat(e.messageRawBytes()).isNull();
        assertThat(new String(new EventEncoder().encode(e), StandardCharsets.UTF_8)).contains("\"message\":\"replaced\"");
        assertThat(new String(new EventEncoder().encode(copy), StandardCharsets.UTF_8))
                .contains("\"message\":\"kept \\\"bytes\\\"\"");
    }

    @Test
    void verbatimRuleRejectsWhatTheEncoderWouldWriteDifferently() {
        assertThat(verbatim("abc \\\" \\\\ \\n \\r \\t \\b \\f é 😀")).isTrue();
        assertThat(verbatim("\\u0041")).isFalse();
        assertThat(verbatim("\\/")).isFalse();
        assertThat(verbatim("tab\there")).isFalse(); // raw control character
        assertThat(JsonEscapedText.isVerbatim(new byte[] {(byte) 0xC3}, 0, 1)).isFalse(); // truncated
        assertThat(JsonEscapedText.isVerbatim(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2)).isFalse(); // overlong
        assertThat(JsonEscapedText.isVerbatim(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3)).isFalse(); // surrogate
        assertThat(JsonEscapedText.isVerbatim(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4)).isFalse();
    }

    private static boolean verbatim(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return JsonEscapedText.isVerbatim(b, 0, b.length);
    }
}
