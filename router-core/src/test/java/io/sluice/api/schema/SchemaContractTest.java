package io.sluice.api.schema;

import io.sluice.api.event.ContainerFields;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.SchemaV1Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoder's output satisfies the JSON Schema contract, and the contract rejects what it should. */
class SchemaContractTest {

    @Test
    void aFullyPopulatedEventIsValid() throws Exception {
        LogEvent e = new LogEvent().timestampNanos(1_767_323_045_123_456_789L).createdNanos(1_767_323_046_000_000_000L)
                .sequence(3).message("boom").level(Level.ERROR).serviceName("api").hostName("n1").inputType("syslog")
                .stream("stderr").traceId("4bf92f3577b34da6a3ce929d0e0e4736").spanId("00f067aa0ba902b7")
                .filePath("/var/log/x.log").offset(120).errorType("java.lang.IllegalStateException")
                .errorMessage("bad").errorStackTrace("at a\nat b").original("raw")
                .container(new ContainerFields("abc", "api", "containerd", "prod", "api-7d9", "uid-1", "api"))
                .logger("com.acme.Api").threadName("main").pid(7).originFile("Api.java").originLine(3)
                .originFunction("run").dataset("api.log").serviceVersion("1.0").serviceEnvironment("prod")
                .durationNanos(2_000_000);
        e.httpOrCreate().method("POST").referrer("-").statusCode(503).bodyBytes(0).version("2")
                .urlOriginal("/x?y=1").urlPath("/x").urlQuery("y=1").clientIp("2001:db8::1").userAgent("curl/8.5.0");
        e.syslogOrCreate().version(1);
        e.syslogOrCreate().severityCode(3);
        e.syslogOrCreate().facilityCode(16);
        e.syslogOrCreate().appname("api");
        e.syslogOrCreate().addStructuredParam("exampleSDID@32473", "iut", "3");
        e.addTag("truncated");
        e.attributesOrCreate().putLong("user_id", 42);
        String json = new String(new EventEncoder().encode(e), StandardCharsets.UTF_8);
        SchemaV1Validator.assertValid(json);
        assertThat(EcsTypes.problems(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json))).isEmpty();
    }

    @Test
    void theFixturesWithKubernetesMetadataAreValidAndOfEcsTypes() throws Exception {
        for (LogEvent e : java.util.List.of(io.sluice.api.event.SampleEvents.everyField(),
                io.sluice.api.event.SampleEvents.kubernetesSuppliesTheContainerId())) {
            String json = new String(new EventEncoder().encode(e), StandardCharsets.UTF_8);
            SchemaV1Validator.assertValid(json);
            assertThat(EcsTypes.problems(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json))).isEmpty();
        }
    }

    @Test
    void normalizedRecordsAreValidWhateverTheirShape() throws Exception {
        String[] records = {
            "{\"msg\":\"x\"}", "plain text", "", "{\"level\":\"loud\",\"trace_id\":\"zz\"}",
            "{\"ts\":\"bad\",\"message\":{\"nested\":true}}", "{broken json", "\u00e9\u00e8 unicode \t tab"
        };
        for (String r : records) {
            String json = NormalizerTableTest.normalize(r, new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.REPAIR, false)).toString();
            SchemaV1Validator.assertValid(json);
        }
    }

    @Test
    void theContractRejectsMissingAndMistypedFields() {
        assertThat(SchemaV1Validator.violations("{\"message\":\"x\"}")).isNotEmpty();
        String valid = "{\"@timestamp\":\"2026-01-02T03:04:05Z\",\"message\":\"\",\"log\":{\"level\":\"info\"},"
                + "\"service\":{\"name\":\"a\"},\"host\":{\"name\":\"h\"},\"event\":{\"created\":\"2026-01-02T03:04:05Z\",\"sequence\":0},"
                + "\"input\":{\"type\":\"tcp\"},\"ecs\":{\"version\":\"8.17.0\"}}";
        assertThat(SchemaV1Validator.violations(valid)).isEmpty();
        assertThat(SchemaV1Validator.violations(valid.replace("\"info\"", "\"loud\""))).isNotEmpty();
        assertThat(SchemaV1Validator.violations(valid.replace("03:04:05Z\",\"message", "03:04:05+01:00\",\"message"))).isNotEmpty();
        assertThat(SchemaV1Validator.violations(valid.replace("}}", "},\"trace\":{\"id\":\"XYZ\"}}"))).isNotEmpty();
    }
}
