package io.sluice.api.event;

import io.sluice.api.json.JsonBytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain writer gives the JSON the general one gives, for every plain text it may be handed. */
class StructuredDataTextTest {

    @Test
    void plainTextIsWrittenAsTheGeneralWriterWritesIt() {
        assertThat(plain("[a]")).isEqualTo("{\"a\":{}}");
        assertThat(plain("[req@32473 trace=\"a458bd2736a7d30e38ab0d348a050cff\" user=\"427894\"][b x=\"\"]"))
                .isEqualTo("{\"req@32473\":{\"trace\":\"a458bd2736a7d30e38ab0d348a050cff\",\"user\":\"427894\"},\"b\":{\"x\":\"\"}}");
    }

    /**
     * Random plain structured data: ids, names and values from empty to longer than several words
     * (SWAR boundaries), with UTF-8, '=', ']'-free punctuation and spaces in values, written at random
     * offsets of a larger array with bytes around it that would end a field if read.
     */
    @Test
    void randomPlainTextIsWrittenAsTheGeneralWriterWritesIt() {
        Random r = new Random(5);
        String[] pieces = {"a", "0123456789abcdef", "ü", "日本", " ", "=", "'", "/", "@", "{", "}"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sd = new StringBuilder();
            for (int e = 0, elements = 1 + r.nextInt(3); e < elements; e++) {
                sd.append('[').append("id".repeat(1 + r.nextInt(12))).append(e);
                for (int p = 0, params = r.nextInt(4); p < params; p++) {
                    sd.append(" p").append("n".repeat(r.nextInt(20))).append(p).append("=\"");
                    for (int k = 0, n = r.nextInt(10); k < n; k++) sd.append(pieces[r.nextInt(pieces.length)]);
                    sd.append('"');
                }
                sd.append(']');
            }
            byte[] text = sd.toString().getBytes(StandardCharsets.UTF_8);
            int before = r.nextInt(9);
            byte[] b = new byte[before + text.length + r.nextInt(12)];
            java.util.Arrays.fill(b, (byte) '"');
            System.arraycopy(text, 0, b, before, text.length);
            JsonBytes general = new JsonBytes(16);
            StructuredDataText.writeJson(b, before, before + text.length, general);
            JsonBytes plain = new JsonBytes(16);
            StructuredDataText.writePlainJson(b, before, before + text.length, plain);
            assertThat(plain.toString()).as(sd.toString()).isEqualTo(general.toString());
        }
    }

    private static String plain(String sd) {
        byte[] b = sd.getBytes(StandardCharsets.UTF_8);
        JsonBytes out = new JsonBytes(8);
        StructuredDataText.writePlainJson(b, 0, b.length, out);
        return out.toString();
    }
}
