package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.core.pipeline.RecordProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record's keys under {@code attributes}: a key given twice keeps its last value at the place of the
 * last, the other values stay as sent, and a record with a hundred thousand keys (a 1 MiB line) is
 * decoded as fast as its size allows (each key used to be looked up in all those before it).
 */
class DuplicateKeysTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The {@code attributes} object of the record's encoded event, as its text. */
    private static String attributes(String record, RecordDecoder.Factory decoders) {
        RawBatch batch = new RawBatch(1, record.length() * 4 + 16);
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        batch.add(b, 0, b.length, 0, 0);
        SourceSpec spec = SourceSpec.of("test", "tcp", decoders);
        LogEvent e = new RecordProcessor(new Normalizer(NormalizeSettings.defaults()))
                .process(batch, 0, spec, spec.decoder().create(), 0, 0, "app");
        String json = new String(new EventEncoder().encode(e), StandardCharsets.UTF_8);
        int at = json.indexOf(",\"attributes\":");
        assertThat(at).as(json).isPositive();
        return json.substring(at + ",\"attributes\":".length(), json.length() - 1);
    }

    private static String json(String record) {
        return attributes(record, () -> new JsonRecordDecoder(DecodeOptions.DEFAULT, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"\\u0065sc\":0"}) // an escaped key sends the record down Jackson's path
    void aKeyGivenTwiceKeepsItsLastValueAtItsLastPlaceAndTheOtherValuesAsSent(String escaped) {
        String values = "\"n\":1e400,\"f\":0.1000000000000000000001,\"o\":{\"x\":1, \"x\":2},\"s\":\"\\u00e9\\/\"";
        assertThat(json("{\"a\":1," + values + escaped + ",\"b\":true,\"a\":[2],\"b\":null}"))
                .isEqualTo("{" + values + (escaped.isEmpty() ? "" : ",\"esc\":0") + ",\"a\":[2],\"b\":null}");
    }

    @Test
    void anEscapedKeyIsTheSameKeyAsItsPlainSpelling() {
        assertThat(json("{\"a\\u0062\":1,\"c\":2,\"ab\":3}")).isEqualTo("{\"c\":2,\"ab\":3}");
        assertThat(json("{\"ab\":1,\"c\":2,\"a\\u0062\":3}")).isEqualTo("{\"c\":2,\"ab\":3}");
        assertThat(json("{\"q\\\"\":1,\"q\\\\\":2,\"q\\\"\":3}")).isEqualTo("{\"q\\\\\":2,\"q\\\"\":3}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "jackson", "logfmt"})
    void aRecordWithAHundredThousandKeysKeepsEachOnceWithItsLastValue(String format) throws Exception {
        int keys = 100_000;
        StringBuilder record = new StringBuilder(format.equals("logfmt") ? "msg=many" : "{\"msg\":\"many\"");
        if (format.equals("jackson")) record.append(",\"\\u0065sc\":0");
        for (int i = 0; i < keys; i++) entry(record, format, "k" + i, i);
        for (int i = 0; i < keys; i += 10) entry(record, format, "k" + i, -i); // every tenth key again
        if (!format.equals("logfmt")) record.append('}');
        RecordDecoder.Factory decoders = format.equals("logfmt")
                ? RecordFormats.STANDARD.decoders("logfmt", DecodeOptions.DEFAULT)
                : () -> new JsonRecordDecoder(DecodeOptions.DEFAULT, true);

        JsonNode attributes = MAPPER.readTree(attributes(record.toString(), decoders));

        List<String> expected = new ArrayList<>();
        if (format.equals("jackson")) expected.add("esc");
        for (int i = 0; i < keys; i++) if (i % 10 != 0) expected.add("k" + i);
        for (int i = 0; i < keys; i += 10) expected.add("k" + i);
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = attributes.fieldNames(); it.hasNext(); ) names.add(it.next());
        assertThat(names).isEqualTo(expected);
        assertThat(attributes.get("k1").asText()).isEqualTo("1");
        assertThat(attributes.get("k99990").asText()).isEqualTo("-99990");
    }

    private static void entry(StringBuilder record, String format, String key, int value) {
        if (format.equals("logfmt")) {
            record.append(' ').append(key).append('=').append(value);
        } else {
            record.append(",\"").append(key).append("\":").append(value);
        }
    }
}
