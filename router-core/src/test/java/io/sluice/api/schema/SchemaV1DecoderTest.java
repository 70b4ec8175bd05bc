package io.sluice.api.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.KubernetesMetadata;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.SampleEvents;
import io.sluice.core.testkit.SchemaV1Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaV1DecoderTest {
    private final EventEncoder encoder = new EventEncoder();
    private final SchemaV1Decoder decoder = new SchemaV1Decoder(new JsonRecordDecoder(DecodeOptions.DEFAULT, false));

    /**
     * LogEvent fields that are not schema v1 fields (routing and sink state, the decoder's source array),
     * or another form of one that is (the message and the ids as slices of the record's bytes, PROCID as a number).
     */
    private static final Set<String> NOT_SCHEMA_FIELDS = Set.of("LogEvent.inputId", "Rare.documentId",
            "Rare.rejection", "Rejection.stage", "Rejection.type", "Rejection.message", "Rare.divertTo",
            "LogEvent.messageBytes", "LogEvent.messageOff", "LogEvent.messageLenAndFlags", "LogEvent.stableSource",
            "LogEvent.traceIdSlice", "LogEvent.spanIdSlice",
            "SyslogFields.structuredDataText", "SyslogFields.structuredDataTextOff",
            "SyslogFields.structuredDataTextLen", "SyslogFields.procidNumberBits", "Rare.pidWide");

    /**
     * Whatever the encoder writes comes back: the fixtures carry every field of the contract
     * (schema-v1.json, which the encoder's output must satisfy) and set every field of the event model,
     * so a field added to either without a decoder makes this fail.
     */
    @Test
    void everyFieldTheEncoderWritesIsReadBack() throws Exception {
        List<LogEvent> fixtures = List.of(SampleEvents.everyField(), SampleEvents.kubernetesSuppliesTheContainerId());
        SortedSet<String> carried = new TreeSet<>();
        SortedSet<String> modelFieldsSet = new TreeSet<>();
        for (LogEvent e : fixtures) {
            String json = new String(encoder.encode(e), StandardCharsets.UTF_8);
            SchemaV1Validator.assertValid(json);
            carried.addAll(SchemaV1Fields.of(new ObjectMapper().readTree(json)));
            modelFieldsSet.addAll(ModelFields.set(e));
            assertRoundTrip(e);
        }
        assertThat(carried).as("fields of schema-v1.json the fixtures carry").containsAll(SchemaV1Fields.contract());
        assertThat(modelFieldsSet).as("event model fields the fixtures set")
                .containsAll(ModelFields.all(LogEvent.class, NOT_SCHEMA_FIELDS));
    }

    @Test
    void kubernetesMetadataComesBackAsTheSameFacts() {
        LogEvent original = SampleEvents.everyField();
        LogEvent decoded = decode(encoder.encode(original));

        KubernetesMetadata k = decoded.kubernetes();
        assertThat(k.owners()).as("kinds as Kubernetes spells them, controller first")
                .isEqualTo(original.kubernetes().owners());
        assertThat(k.labels()).isEqualTo(original.kubernetes().labels());
        assertThat(k.annotations()).isEqualTo(original.kubernetes().annotations());
        assertThat(k.namespaceLabels()).isEqualTo(original.kubernetes().namespaceLabels());
        assertThat(k.nodeName()).isEqualTo("node-1");
        assertThat(k.imageName()).isEqualTo("registry.example.com:5000/team/api");
        assertThat(k.imageTag()).isEqualTo("1.4.2");
        assertThat(k.imageId()).startsWith("sha256:9f86");
        assertThat(decoded.attributes().toJson()).as("orchestrator.* is not taken for an unknown field")
                .isEqualTo(original.attributes().toJson());
        assertThat(io.sluice.api.event.FieldPaths.reader("kubernetes.deployment.name").apply(decoded))
                .isEqualTo("api-deployment");
        assertThat(io.sluice.api.event.FieldPaths.reader("kubernetes.labels.app_kubernetes_io/name").apply(decoded))
                .isEqualTo("api-server");
    }

    @Test
    void anEventWithoutKubernetesMetadataGetsNone() {
        LogEvent e = SampleEvents.everyField().kubernetes(null);
        assertThat(decode(encoder.encode(e)).kubernetes()).isNull();
        assertRoundTrip(e);
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

    private LogEvent decode(byte[] json) {
        LogEvent decoded = new LogEvent();
        decoder.decode(json, 0, json.length, decoded);
        assertThat(decoded.createdNanos()).as("taken as schema v1").isNotZero();
        return decoded;
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
