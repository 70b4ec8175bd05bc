package io.sluice.api.schema;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.SampleEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaV1DecoderTest {
    private final EventEncoder encoder = new EventEncoder();
    private final SchemaV1Decoder decoder = new SchemaV1Decoder(new JsonRecordDecoder(DecodeOptions.DEFAULT, false));

    @Test
    void anEventWithEveryFieldPassesThroughUnchanged() {
        assertRoundTrip(SampleEvents.everyField());
    }

    @Test
    void syslogVersionIsAKeywordAndAnOlderNumberIsStillRead() {
        LogEvent e = new LogEvent().timestampNanos(1_000_000_000L).createdNanos(2_000_000_000L).sequence(0)
                .message("").level(Level.INFO).serviceName("s").hostName("h").inputType("syslog");
        e.syslogOrCreate().version(1);
        String json = new String(encoder.encode(e), StandardCharsets.UTF_8);
        assertThat(json).contains("\"version\":\"1\"");

        byte[] older = json.replace("\"version\":\"1\"", "\"version\":1").getBytes(StandardCharsets.UTF_8);
        LogEvent decoded = new LogEvent();
        decoder.decode(older, 0, older.length, decoded);
        assertThat(decoded.syslog().version()).isEqualTo(1);
        assertThat(decoded.createdNanos()).as("taken as schema v1").isEqualTo(2_000_000_000L);
    }

    @Test
    void aMinimalEventPassesThroughUnchanged() {
        assertRoundTrip(new LogEvent().timestampNanos(1_000_000_000L).createdNanos(2_000_000_000L).sequence(0)
                .message("").level(Level.INFO).serviceName("unknown").hostName("h").inputType("tcp"));
    }

    @Test
    void aRecordThatIsNotSchemaV1GoesToTheFallbackDecoder() {
        LogEvent e = new LogEvent().createdNanos(5).inputType("kafka");
        byte[] json = "{\"msg\":\"hello\",\"level\":\"ERROR\",\"user\":\"bob\"}".getBytes(StandardCharsets.UTF_8);
        decoder.decode(json, 0, json.length, e);

        assertThat(e.message()).isEqualTo("hello");
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.inputType()).isEqualTo("kafka");
        assertThat(e.attributes().toJson()).isEqualTo("{\"user\":\"bob\"}");
    }

    @Test
    void aSchemaV1EventMissingARequiredFieldIsNotTakenForOne() {
        byte[] json = ("{\"@timestamp\":\"2024-01-01T00:00:00Z\",\"message\":\"m\",\"log\":{\"level\":\"info\"},"
                + "\"service\":{\"name\":\"s\"},\"event\":{\"created\":\"2024-01-01T00:00:00Z\",\"sequence\":1},"
                + "\"input\":{\"type\":\"tcp\"},\"ecs\":{\"version\":\"8.17.0\"}}").getBytes(StandardCharsets.UTF_8);
        LogEvent e = new LogEvent().createdNanos(5).inputType("kafka");
        decoder.decode(json, 0, json.length, e);

        assertThat(e.createdNanos()).as("host.name is missing: decoded as plain JSON").isEqualTo(5);
        assertThat(e.inputType()).isEqualTo("kafka");
        assertThat(e.message()).isEqualTo("m");
    }

    private void assertRoundTrip(LogEvent original) {
        byte[] json = encoder.encode(original);
        byte[] framed = new byte[json.length + 6];
        System.arraycopy(json, 0, framed, 3, json.length);
        LogEvent decoded = new LogEvent().createdNanos(99).sequence(99).inputType("kafka").inputId("upstream");
        decoder.decode(framed, 3, json.length, decoded);

        assertThat(new String(encoder.encode(decoded), StandardCharsets.UTF_8))
                .isEqualTo(new String(json, StandardCharsets.UTF_8));
        assertThat(decoded.inputId()).isEqualTo("upstream");
    }
}
