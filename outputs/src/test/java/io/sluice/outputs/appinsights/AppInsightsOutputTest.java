package io.sluice.outputs.appinsights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.Attributes;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.schema.Timestamps;
import io.sluice.core.testkit.TestBatches;
import io.sluice.outputs.Plugins;
import io.sluice.outputs.TestOutputContext;
import io.sluice.outputs.http.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code application_insights} against a receiver shaped after the track v2.1 endpoint: a JSON
 * array of envelopes in, {@code {"itemsReceived","itemsAccepted","errors":[{index,statusCode,message}]}} out.
 */
class AppInsightsOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IKEY = "01234567-89ab-cdef-0123-456789abcdef";

    @TempDir
    Path dir;

    private Receiver breeze;

    @BeforeEach
    void receiver() throws Exception {
        breeze = new Receiver();
    }

    @AfterEach
    void stop() {
        breeze.close();
    }

    private Output start() throws Exception {
        Output out = Plugins.create("application_insights", "ai", "{\"connection_string\":\"InstrumentationKey=" + IKEY
                + ";IngestionEndpoint=" + breeze.url("/") + ";LiveEndpoint=https://live.example/\"}");
        out.start(new TestOutputContext("ai", dir));
        return out;
    }

    private static SinkBatch batch(int n) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) events.add(TestBatches.event("svc", "message " + i, i));
        return TestBatches.of(events);
    }

    private static Receiver.Response accepted(int received, String errors) {
        int failed = errors.isEmpty() ? 0 : errors.split("\\{").length - 1;
        return Receiver.Response.of(errors.isEmpty() ? 200 : 206, "{\"itemsReceived\":" + received + ",\"itemsAccepted\":"
                + (received - failed) + ",\"errors\":[" + errors + "]}");
    }

    @Test
    void eventsBecomeMessageEnvelopesWithTheirTraceContext() throws Exception {
        Output out = start();
        Attributes attributes = new Attributes();
        attributes.putString("user", "ann");
        attributes.putLong("status", 503);
        attributes.putString("k".repeat(200), "v".repeat(9000));
        LogEvent e = TestBatches.event("checkout", "payment failed", 0).level(Level.ERROR)
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736").spanId("00f067aa0ba902b7")
                .labels(Map.of("env", "prod")).attributes(attributes);
        assertThat(out.send(TestBatches.of(List.of(e))).allDelivered()).isTrue();
        Receiver.Request r = breeze.requests().get(0);
        assertThat(r.path()).isEqualTo("/v2.1/track");
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        JsonNode env = JSON.readTree(r.body()).get(0);
        assertThat(env.get("name").asText()).isEqualTo("Microsoft.ApplicationInsights.Message");
        assertThat(env.get("iKey").asText()).isEqualTo(IKEY);
        assertThat(env.get("time").asText()).isEqualTo(Timestamps.format(e.timestampNanos()));
        assertThat(env.get("tags")).isEqualTo(JSON.readTree("{\"ai.cloud.role\":\"checkout\",\"ai.cloud.roleInstance\":"
                + "\"test-host\",\"ai.operation.id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"ai.operation.parentId\":\"00f067aa0ba902b7\"}"));
        assertThat(env.at("/data/baseType").asText()).isEqualTo("MessageData");
        JsonNode data = env.at("/data/baseData");
        assertThat(data.get("ver").asInt()).isEqualTo(2);
        assertThat(data.get("message").asText()).isEqualTo("payment failed");
        assertThat(data.get("severityLevel").asText()).isEqualTo("Error");
        JsonNode props = data.get("properties");
        assertThat(props.get("labels.env").asText()).isEqualTo("prod");
        assertThat(props.get("user").asText()).isEqualTo("ann");
        assertThat(props.get("status").asText()).isEqualTo("503");
        assertThat(props.get("k".repeat(150)).asText()).hasSize(8192);
    }

    @Test
    void partialSuccessResendsOnlyTheFailedItemsByIndex() throws Exception {
        breeze.then(accepted(5, "{\"index\":1,\"statusCode\":500,\"message\":\"Internal\"},"
                + "{\"index\":3,\"statusCode\":400,\"message\":\"Field 'message' on type 'MessageData' is required\"}"));
        Output out = start();
        SendResult result = out.send(batch(5));
        assertThat(result.toRetry().stream().boxed().toList()).containsExactly(1);
        assertThat(result.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.index()).isEqualTo(3);
            assertThat(refusal.reason()).contains("400").contains("is required");
        });
    }

    @Test
    void throttlingAndOutagesAreRetriedBadRequestsRefused() throws Exception {
        breeze.then(Receiver.Response.of(503), Receiver.Response.of(400, "{\"errors\":[]}"));
        Output out = start();
        assertThatThrownBy(() -> out.send(batch(2))).isInstanceOf(RetriableException.class);
        assertThat(out.send(batch(2)).refused()).hasSize(2);
    }

    @Test
    void connectionStringsWithoutAKeyAreRejectedByValidation() {
        var binding = Plugins.plugin("application_insights").options()
                .bind(Plugins.tree("{\"connection_string\":\"IngestionEndpoint=https://x/\"}"));
        assertThat(binding.problems()).singleElement().satisfies(p ->
                assertThat(p.toString()).contains("InstrumentationKey"));
    }
}
