package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.JsonRecordDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import com.google.re2j.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes on {@code message} see the decoded text when the JSON decoder kept the message as escaped bytes. */
class ConditionOnKeptMessageTest {
    private static LogEvent decoded(String record) {
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        LogEvent e = new LogEvent();
        new JsonRecordDecoder(DecodeOptions.DEFAULT, true).decode(b, 0, b.length, e);
        return e;
    }

    @Test
    void conditionsOnMessageMatchTheDecodedText() {
        LogEvent e = decoded("{\"msg\":\"disk \\\"sda\\\" full\\nretry\",\"level\":\"warn\"}");
        assertThat(e.messageRawBytes()).isNotNull();

        assertThat(Condition.equalsTo("message", "disk \"sda\" full\nretry").test(e)).isTrue();
        assertThat(Condition.equalsTo("message", "disk \\\"sda\\\" full\\nretry").test(e)).isFalse();
        assertThat(Condition.in("message", List.of("x", "disk \"sda\" full\nretry")).test(e)).isTrue();
        assertThat(Condition.regex("message", Pattern.compile("^disk \"sda\" full$", Pattern.MULTILINE)).test(e)).isTrue();
        assertThat(Condition.exists("message", true).test(e)).isTrue();
    }
}
