package io.sluice.api.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcuts of the encoder's hot path write what the plain way writes: {@link JsonBytes#isPlainText}
 * (eight bytes at a time) finds every byte that needs a JSON escape wherever it sits, and
 * {@link RepeatedJsonStrings} writes a String exactly as {@link JsonBytes#string} does, however often
 * and with whatever else shares its slot.
 */
class JsonStringWritingTest {

    private static boolean needsEscape(int unsignedByte) {
        return unsignedByte < 0x20 || unsignedByte == '"' || unsignedByte == '\\';
    }

    @Test
    void everyByteThatNeedsAnEscapeIsFoundAtEveryPosition() {
        for (byte background : new byte[] {'a', (byte) 0xC3, 0x20, 0x7F, (byte) 0x80, (byte) 0xFF, '#', ']'}) {
            for (int len = 0; len <= 19; len++) {
                byte[] b = new byte[len + 3];
                java.util.Arrays.fill(b, background);
                assertThat(JsonBytes.isPlainText(b, 1, len)).as("all 0x%02x, %d bytes", background & 0xFF, len)
                        .isEqualTo(!needsEscape(background & 0xFF) || len == 0);
                if (needsEscape(background & 0xFF)) continue;
                for (int at = 0; at < len; at++) {
                    for (int v = 0; v < 256; v++) {
                        b[1 + at] = (byte) v;
                        assertThat(JsonBytes.isPlainText(b, 1, len))
                                .as("0x%02x at %d of %d in 0x%02x", v, at, len, background & 0xFF)
                                .isEqualTo(!needsEscape(v));
                    }
                    b[1 + at] = background;
                }
                // bytes that need an escape just outside the range are not looked at
                b[0] = '"';
                b[len + 1] = '\n';
                assertThat(JsonBytes.isPlainText(b, 1, len)).isTrue();
                b[0] = background;
                b[len + 1] = background;
            }
        }
    }

    @Test
    void aRepeatedStringIsWrittenAsJsonBytesStringWritesIt() {
        List<String> values = awkwardValues();
        RepeatedJsonStrings repeated = new RepeatedJsonStrings(new byte[0]); // no key: the value alone
        for (int round = 0; round < 4; round++) {
            for (String s : values) {
                JsonBytes expected = new JsonBytes(16).string(s);
                JsonBytes actual = new JsonBytes(16);
                actual.ascii("x:");
                repeated.write(s, actual);
                assertThat(new String(actual.toByteArray(), StandardCharsets.UTF_8))
                        .as("round %d", round).isEqualTo("x:" + expected);
            }
        }
    }

    @Test
    void aRepeatedStringIsWrittenAfterItsFieldsKeyWithOrWithoutTheComma() {
        RepeatedJsonStrings repeated = new RepeatedJsonStrings(",\"hostname\":".getBytes(StandardCharsets.US_ASCII));
        for (int round = 0; round < 4; round++) {
            int i = 0;
            for (String s : awkwardValues()) {
                int skip = (i++ + round) % 2; // the same value both first in its object and after another field
                JsonBytes actual = new JsonBytes(16);
                actual.ascii("{");
                repeated.write(skip, s, actual);
                String key = skip == 1 ? "\"hostname\":" : ",\"hostname\":";
                assertThat(new String(actual.toByteArray(), StandardCharsets.UTF_8))
                        .as("round %d, skip %d", round, skip).isEqualTo("{" + key + new JsonBytes(16).string(s));
            }
        }
    }

    /** Values JSON escapes, equal values as other instances, and more than the cache's sets hold (they evict each other). */
    private static List<String> awkwardValues() {
        List<String> values = new ArrayList<>();
        for (String s : new String[] {"web-1", "checkout", "say \"hi\"", "tab\there", "back\\slash", "ü€😀", "", "\u0001",
                "lone \uD800 surrogate", "a".repeat(300)}) {
            values.add(s);
            values.add(new String(s.toCharArray())); // equal text, another instance
        }
        for (int i = 0; i < 1200; i++) values.add("host-" + i); // more than the sets' 1,024 ways: they evict each other
        return values;
    }
}
