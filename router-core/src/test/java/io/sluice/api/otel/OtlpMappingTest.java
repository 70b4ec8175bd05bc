package io.sluice.api.otel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.SampleEvents;
import io.sluice.api.event.Tags;
import io.sluice.api.schema.EventEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table of docs/otel.md, both ways, through the official generated classes. */
class OtlpMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventEncoder encoder = new EventEncoder();
    private final OtlpToEvent toEvent = new OtlpToEvent("otlp", "unknown", "local");
    private final EventToOtlp toOtlp = new EventToOtlp();

    @Test
    void everySchemaFieldSurvivesSchemaToOtlpAndBack() throws Exception {
        LogEvent full = SampleEvents.everyField();
        full.attributes().putString("log.logger", "com.example.Billing"); // an attribute of that name is no field
        LogEvent minimal = new LogEvent().timestampNanos(1_000_000_000L).createdNanos(2_000_000_000L).sequence(0)
                .message("").level(Level.INFO).serviceName("unknown").hostName("h").inputType("tcp");

        List<LogEvent> back = roundTrip(List.of(full, minimal));

        assertThat(tree(back.get(0))).isEqualTo(tree(full));
        assertThat(tree(back.get(1))).isEqualTo(tree(minimal));
    }

    @Test
    void anEventMappedOnceSizesItsRequestAloneExactlyAndBuildsTheSameRequests() {
        LogEvent minimal = new LogEvent().timestampNanos(1_000_000_000L).createdNanos(2_000_000_000L).sequence(0)
                .serviceName("svc").hostName("h").message("m").level(Level.INFO);
        LogEvent noLogger = new LogEvent().timestampNanos(1).createdNanos(2).serviceName("other").hostName("h")
                .message("x".repeat(300)).level(Level.WARN);
        List<LogEvent> events = List.of(SampleEvents.everyField(), minimal, SampleEvents.kubernetesSuppliesTheContainerId(),
                noLogger, minimal);
        List<EventToOtlp.Mapped> mapped = new ArrayList<>();
        for (LogEvent e : events) {
            EventToOtlp.Mapped m = toOtlp.mapOne(e);
            assertThat(m.aloneSize()).isEqualTo(toOtlp.map(List.of(e)).getSerializedSize());
            mapped.add(m);
        }
        assertThat(toOtlp.request(mapped)).isEqualTo(toOtlp.map(events));
        assertThat(toOtlp.request(mapped).getResourceLogsCount()).as("grouped by resource").isLessThan(events.size());
    }

    @Test
    void everyLevelSurvivesTheRoundTrip() throws Exception {
        for (Level level : Level.values()) {
            LogEvent e = new LogEvent().timestampNanos(1).createdNanos(2).message("m").level(level)
                    .serviceName("s").hostName("h").inputType("tcp");
            assertThat(roundTrip(List.of(e)).get(0).level()).isEqualTo(level);
        }
    }

    @Test
    void recordsAreGroupedByResourceThenScope() {
        List<LogEvent> events = new ArrayList<>();
        for (String service : List.of("api", "db", "api")) {
            LogEvent e = new LogEvent().timestampNanos(1).createdNanos(2).message(service).level(Level.INFO)
                    .serviceName(service).hostName("h").inputType("tcp");
            e.logger(service.equals("api") ? "http" : "sql");
            events.add(e);
        }

        ExportLogsServiceRequest request = toOtlp.map(events);

        assertThat(request.getResourceLogsCount()).isEqualTo(2);
        ResourceLogs api = request.getResourceLogs(0);
        assertThat(api.getScopeLogsCount()).isEqualTo(1);
        assertThat(api.getScopeLogs(0).getScope().getName()).isEqualTo("http");
        assertThat(api.getScopeLogs(0).getLogRecordsCount()).isEqualTo(2);
    }

    @Test
    void anSdkStyleRecordMapsToSchemaFields() {
        Resource resource = Resource.newBuilder()
                .addAttributes(kv("service.name", "checkout")).addAttributes(kv("host.name", "node-7"))
                .addAttributes(kv("k8s.pod.name", "checkout-5d9")).addAttributes(kv("k8s.namespace.name", "shop"))
                .addAttributes(kv("telemetry.sdk.language", "java")).build();
        LogRecord record = LogRecord.newBuilder().setTimeUnixNano(1_700_000_000_000_000_007L)
                .setObservedTimeUnixNano(1_700_000_000_500_000_000L)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR2).setSeverityText("SEVERE")
                .setBody(AnyValue.newBuilder().setStringValue("payment failed"))
                .setTraceId(AnyValues.unhex("4bf92f3577b34da6a3ce929d0e0e4736"))
                .setSpanId(AnyValues.unhex("00f067aa0ba902b7")).setFlags(1)
                .addAttributes(kv("exception.type", "java.io.IOException"))
                .addAttributes(kv("exception.message", "reset"))
                .addAttributes(KeyValue.newBuilder().setKey("retries").setValue(AnyValue.newBuilder().setIntValue(3)))
                .build();

        LogEvent e = toEvent.map(resource, InstrumentationScope.newBuilder().setName("com.shop.Pay").setVersion("2.1").build(),
                record, 99, 0);

        assertThat(e.timestampNanos()).isEqualTo(1_700_000_000_000_000_007L);
        assertThat(e.createdNanos()).isEqualTo(1_700_000_000_500_000_000L);
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.message()).isEqualTo("payment failed");
        assertThat(e.serviceName()).isEqualTo("checkout");
        assertThat(e.hostName()).isEqualTo("node-7");
        assertThat(e.inputType()).isEqualTo("otlp");
        assertThat(e.container().kubernetesPodName()).isEqualTo("checkout-5d9");
        assertThat(e.container().kubernetesNamespace()).isEqualTo("shop");
        assertThat(e.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(e.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(e.errorType()).isEqualTo("java.io.IOException");
        assertThat(e.errorMessage()).isEqualTo("reset");
        assertThat(e.attributes().toJson()).isEqualTo("{\"resource\":{\"telemetry.sdk.language\":\"java\"},"
                + "\"log.severity_text\":\"SEVERE\",\"trace.flags\":1,"
                + "\"log.logger_version\":\"2.1\",\"retries\":3}");
        assertThat(e.logger()).isEqualTo("com.shop.Pay");
    }

    @Test
    void kubernetesMetadataBecomesK8sResourceAttributes() {
        LogEvent e = new LogEvent().timestampNanos(1).createdNanos(2).message("m").level(Level.INFO)
                .serviceName("api").hostName("h").inputType("container")
                .container(new io.sluice.api.event.ContainerFields(null, "api", null, "shop", "api-7d9-x", "u-1", "api"))
                .kubernetes(new io.sluice.api.event.KubernetesMetadata("node-1", java.util.Map.of("app", "api"),
                        java.util.Map.of("team", "pay"), java.util.Map.of("tier", "prod"),
                        List.of(new io.sluice.api.event.KubernetesMetadata.Owner("ReplicaSet", "api-7d9"),
                                new io.sluice.api.event.KubernetesMetadata.Owner("Deployment", "api")),
                        "registry/api", "1.4", "sha256:ab", "c0ffee", "containerd"));
        List<KeyValue> resource = toOtlp.map(List.of(e)).getResourceLogs(0).getResource().getAttributesList();
        assertThat(resource).contains(kv("k8s.node.name", "node-1"), kv("k8s.deployment.name", "api"),
                kv("k8s.replicaset.name", "api-7d9"), kv("k8s.pod.label.app", "api"), kv("k8s.pod.annotation.team", "pay"),
                kv("k8s.namespace.label.tier", "prod"), kv("container.image.name", "registry/api"),
                kv("container.image.id", "sha256:ab"), kv("container.id", "c0ffee"), kv("container.runtime", "containerd"),
                kv("k8s.pod.uid", "u-1"));
    }

    @Test
    void kubernetesMetadataSurvivesOtlpAndBackWhenTheMetadataGaveTheContainerId() throws Exception {
        LogEvent e = SampleEvents.kubernetesSuppliesTheContainerId();
        List<KeyValue> resource = toOtlp.map(List.of(e)).getResourceLogs(0).getResource().getAttributesList();
        assertThat(resource).contains(kv("container.id", "c0ffee"), kv("container.runtime", "containerd"),
                kv("container.image.name", "nginx"), kv("container.image.id", "sha256:ab12"));

        assertThat(tree(roundTrip(List.of(e)).get(0))).isEqualTo(tree(e));
    }

    @Test
    void k8sResourceAttributesFromACollectorBecomeKubernetesMetadata() throws Exception {
        Resource resource = Resource.newBuilder()
                .addAttributes(kv("service.name", "checkout")).addAttributes(kv("k8s.namespace.name", "shop"))
                .addAttributes(kv("k8s.pod.name", "checkout-5d9-x")).addAttributes(kv("k8s.node.name", "node-7"))
                .addAttributes(kv("k8s.deployment.name", "checkout")).addAttributes(kv("k8s.replicaset.name", "checkout-5d9"))
                .addAttributes(kv("k8s.deployment.uid", "d-1"))
                .addAttributes(kv("k8s.pod.label.app.kubernetes.io/name", "checkout"))
                .addAttributes(kv("k8s.pod.annotation.team", "shop-team"))
                .addAttributes(kv("k8s.namespace.label.tier", "prod"))
                .addAttributes(kv("container.image.name", "registry/checkout"))
                .addAttributes(KeyValue.newBuilder().setKey("container.image.tags").setValue(AnyValue.newBuilder()
                        .setArrayValue(io.opentelemetry.proto.common.v1.ArrayValue.newBuilder()
                                .addValues(AnyValue.newBuilder().setStringValue("2.0")))).build())
                .addAttributes(kv("container.image.id", "sha256:cd34")).build();
        LogRecord record = LogRecord.newBuilder().setTimeUnixNano(1).setBody(AnyValue.newBuilder().setStringValue("m")).build();

        LogEvent e = toEvent.map(resource, InstrumentationScope.getDefaultInstance(), record, 99, 0);

        JsonNode json = tree(e);
        assertThat(json.at("/kubernetes/node/name").asText()).isEqualTo("node-7");
        assertThat(json.at("/kubernetes/labels").toString()).as("the key as schema v1 keeps it")
                .isEqualTo("{\"app_kubernetes_io/name\":\"checkout\"}");
        assertThat(json.at("/kubernetes/annotations/team").asText()).isEqualTo("shop-team");
        assertThat(json.at("/kubernetes/namespace_labels/tier").asText()).isEqualTo("prod");
        assertThat(json.at("/kubernetes/replicaset/name").asText()).isEqualTo("checkout-5d9");
        assertThat(json.at("/orchestrator/resource/parent/type").asText())
                .as("the top owner, whatever order the attributes came in").isEqualTo("Deployment");
        assertThat(json.at("/container/image").toString())
                .isEqualTo("{\"name\":\"registry/checkout\",\"tag\":\"2.0\",\"hash\":{\"all\":[\"sha256:cd34\"]}}");
        assertThat(e.attributes().toJson()).as("a k8s attribute schema v1 has no field for stays a resource attribute")
                .isEqualTo("{\"resource\":{\"k8s.deployment.uid\":\"d-1\"}}");
    }

    @Test
    void theNewFieldsTravelUnderSemanticConventionNamesAndOlderNamesAreAccepted() {
        LogEvent out = SampleEvents.everyField();
        ExportLogsServiceRequest request = toOtlp.map(List.of(out));
        ResourceLogs rl = request.getResourceLogs(0);
        assertThat(rl.getScopeLogs(0).getScope().getName()).isEqualTo("com.acme.Api");
        assertThat(rl.getResource().getAttributesList()).contains(
                KeyValue.newBuilder().setKey("process.pid").setValue(AnyValue.newBuilder().setIntValue(4711)).build(),
                kv("service.version", "1.2.3"), kv("deployment.environment.name", "prod"));
        List<KeyValue> attrs = rl.getScopeLogs(0).getLogRecords(0).getAttributesList();
        assertThat(attrs).contains(kv("thread.name", "worker-1"), kv("code.file.path", "Api.java"),
                kv("code.function.name", "handle"), kv("event.dataset", "api.log"), kv("http.request.method", "GET"),
                kv("network.protocol.version", "1.1"), kv("url.full", "/a?b=1"), kv("url.path", "/a"),
                kv("url.query", "b=1"), kv("client.address", "10.0.0.2"), kv("user_agent.original", "curl/8.5.0"),
                intKv("code.line.number", 88), intKv("event.duration", 1_500_000),
                intKv("http.response.status_code", 200), intKv("http.response.body.size", 512),
                KeyValue.newBuilder().setKey("http.request.header.referer").setValue(AnyValue.newBuilder()
                        .setArrayValue(io.opentelemetry.proto.common.v1.ArrayValue.newBuilder()
                                .addValues(AnyValue.newBuilder().setStringValue("https://example.com/")))).build());

        Resource resource = Resource.newBuilder().addAttributes(kv("deployment.environment", "staging")).build();
        LogRecord record = LogRecord.newBuilder().setTimeUnixNano(1).setBody(AnyValue.newBuilder().setStringValue("m"))
                .addAttributes(kv("code.filepath", "/src/Pay.java")).addAttributes(intKv("code.lineno", 12))
                .addAttributes(kv("code.function", "pay")).addAttributes(kv("http.request.header.referer", "https://r/"))
                .build();
        LogEvent in = toEvent.map(resource, InstrumentationScope.getDefaultInstance(), record, 99, 0);
        assertThat(in.serviceEnvironment()).isEqualTo("staging");
        assertThat(in.originFile()).isEqualTo("/src/Pay.java");
        assertThat(in.originLine()).isEqualTo(12);
        assertThat(in.originFunction()).isEqualTo("pay");
        assertThat(in.http().referrer()).isEqualTo("https://r/");
        assertThat(in.logger()).isNull();
        assertThat(in.attributes()).isNull();
    }

    @Test
    void aStructuredBodyBecomesAttributesAndAMissingTimeIsTagged() {
        AnyValue body = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("order", "A-1"))).build();
        LogRecord record = LogRecord.newBuilder().setObservedTimeUnixNano(5).setBody(body).setSeverityText("warning").build();

        LogEvent e = toEvent.map(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(), record, 99, 0);

        assertThat(e.message()).isEmpty();
        assertThat(e.attributes().toJson()).isEqualTo("{\"order\":\"A-1\",\"log.severity_text\":\"warning\"}");
        assertThat(e.level()).isEqualTo(Level.WARN);
        assertThat(e.timestampNanos()).isEqualTo(5);
        assertThat(e.tags()).containsExactly(Tags.TIMESTAMP_MISSING);
        assertThat(e.serviceName()).isEqualTo("unknown");
        assertThat(e.hostName()).isEqualTo("local");
    }

    @Test
    void aTimePastWhatSchemaV1HoldsIsRefusedWithWhichAndWhyNotReadAsBefore1970() {
        LogRecord late = LogRecord.newBuilder().setTimeUnixNano(Long.MIN_VALUE).build(); // 2^63 ns unsigned
        LogRecord lateObserved = LogRecord.newBuilder().setObservedTimeUnixNano(-1L).build(); // 2^64 - 1 ns

        assertThatThrownBy(() -> toEvent.map(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(),
                late, 99, 0)).isInstanceOf(OtlpToEvent.Unmappable.class)
                .hasMessage("time_unix_nano 9223372036854775808 is after 2262-04-11T23:47:16.854775807Z, the last time"
                        + " schema v1 can hold");
        assertThatThrownBy(() -> toEvent.map(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(),
                lateObserved, 99, 0)).isInstanceOf(OtlpToEvent.Unmappable.class)
                .hasMessageStartingWith("observed_time_unix_nano 18446744073709551615 is after 2262-04-11");
        LogRecord last = LogRecord.newBuilder().setTimeUnixNano(Long.MAX_VALUE).build();
        assertThat(toEvent.map(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(), last, 99, 0)
                .timestampNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aKeyGivenTwiceKeepsItsLastValueInTheLastPlaceAcrossBodyAndAttributesAsManyAsThereAre() {
        KeyValueList.Builder body = KeyValueList.newBuilder().addValues(kv("a", "body")).addValues(kv("b", "body"));
        LogRecord.Builder record = LogRecord.newBuilder().setTimeUnixNano(1)
                .setBody(AnyValue.newBuilder().setKvlistValue(body)).setSeverityText("notice")
                .addAttributes(kv("a", "attribute")).addAttributes(intKv("log.severity_text", 7));
        for (int i = 0; i < 20_000; i++) record.addAttributes(intKv("k" + i, i)); // past the key filter's 64 bits
        record.addAttributes(kv("k0", "again"));

        LogEvent e = toEvent.map(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(), record.build(), 99, 0);

        List<String> keys = e.attributes().keys();
        assertThat(keys).hasSize(20_003).startsWith("b", "a", "log.severity_text", "k1").endsWith("k19999", "k0");
        assertThat(e.attributes().toJson()).startsWith("{\"b\":\"body\",\"a\":\"attribute\",\"log.severity_text\":7,\"k1\":1,")
                .endsWith(",\"k19999\":19999,\"k0\":\"again\"}");
    }

    @Test
    void aResourceAttributeNamedK8sNameIsAnOrdinaryResourceAttributeNotAnOwner() throws Exception {
        Resource resource = Resource.newBuilder().addAttributes(kv("k8s.name", "odd")).addAttributes(kv("k8s..name", "x"))
                .build();
        LogEvent e = toEvent.map(resource, InstrumentationScope.getDefaultInstance(), LogRecord.getDefaultInstance(), 99, 0);
        assertThat(e.kubernetes()).isNull();
        assertThat(e.attributes().toJson()).isEqualTo("{\"resource\":{\"k8s.name\":\"odd\",\"k8s..name\":\"x\"}}");
    }

    @Test
    void otlpJsonUsesHexIdsIntegerEnumsAndAcceptsInt64AsStringsOrNumbers() throws Exception {
        String json = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"api\"}}]},"
                + "\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1700000000000000001\",\"observedTimeUnixNano\":1700000000000000002,"
                + "\"severityNumber\":13,\"body\":{\"stringValue\":\"hi\"},\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                + "\"spanId\":\"00f067aa0ba902b7\",\"somethingNew\":true,"
                + "\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":\"12\"}}]}]}]}]}";

        ExportLogsServiceRequest request = OtlpJson.parse(json.getBytes(StandardCharsets.UTF_8));
        LogRecord r = request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(r.getTimeUnixNano()).isEqualTo(1_700_000_000_000_000_001L);
        assertThat(r.getObservedTimeUnixNano()).isEqualTo(1_700_000_000_000_000_002L);
        assertThat(r.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
        assertThat(AnyValues.hex(r.getTraceId())).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(r.getAttributes(0).getValue().getIntValue()).isEqualTo(12);

        JsonNode printed = JSON.readTree(OtlpJson.print(request));
        JsonNode record = printed.at("/resourceLogs/0/scopeLogs/0/logRecords/0");
        assertThat(record.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(record.get("spanId").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(record.get("severityNumber").isInt()).isTrue();
        assertThat(OtlpJson.parse(OtlpJson.print(request))).isEqualTo(request);
    }

    private List<LogEvent> roundTrip(List<LogEvent> events) throws Exception {
        // through the wire form, so what is lossless is what a peer receives
        ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(toOtlp.map(events).toByteArray());
        List<LogEvent> out = new ArrayList<>();
        for (ResourceLogs rl : request.getResourceLogsList()) {
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord r : sl.getLogRecordsList()) out.add(toEvent.map(rl.getResource(), sl.getScope(), r, 0, 0));
            }
        }
        return out;
    }

    private JsonNode tree(LogEvent e) throws Exception {
        return JSON.readTree(encoder.encode(e));
    }

    private static KeyValue intKv(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static KeyValue kv(String key, String value) {
        return AnyValues.keyValue(key, value);
    }
}
