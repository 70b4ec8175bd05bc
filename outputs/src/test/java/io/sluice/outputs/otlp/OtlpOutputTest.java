package io.sluice.outputs.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.core.testkit.TestBatches;
import io.sluice.outputs.TestOutputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The otlp output against a receiver built from the official OTLP classes, and against Sluice's own otlp input. */
class OtlpOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final OtlpReceiver receiver = new OtlpReceiver();
    private TestOutputContext context;

    OtlpOutputTest() throws Exception {
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    private OtlpOutput output(String options) throws Exception {
        OptionSpec.Binding binding = new OtlpOutputPlugin().options().bind(JSON.readTree(options));
        assertThat(binding.problems()).isEmpty();
        OtlpOutput out = (OtlpOutput) new OtlpOutputPlugin().create("otel", binding.options());
        context = new TestOutputContext("otel", dir);
        out.start(context);
        return out;
    }

    private OtlpOutput output() throws Exception {
        return output("{\"endpoint\":\"" + receiver.endpoint() + "\",\"headers\":{\"Authorization\":\"Bearer t0k\"}}");
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(PluginRegistry.load().output("otlp")).isInstanceOf(OtlpOutputPlugin.class);
    }

    @Test
    void aBatchIsOneGzippedProtobufRequestGroupedByResource() throws Exception {
        SendResult r = output().send(TestBatches.of(List.of(
                TestBatches.event("api", "one", 0), TestBatches.event("db", "two", 1), TestBatches.event("api", "three", 2))));

        assertThat(r.allDelivered()).isTrue();
        assertThat(receiver.received).hasSize(1);
        var got = receiver.received.get(0);
        assertThat(got.headers().get("Content-encoding")).containsExactly("gzip");
        assertThat(got.headers().get("Content-type")).containsExactly("application/x-protobuf");
        assertThat(got.headers().get("Authorization")).containsExactly("Bearer t0k");
        List<ResourceLogs> resources = got.request().getResourceLogsList();
        assertThat(resources).hasSize(2);
        assertThat(resources.get(0).getResource().getAttributes(0).getValue().getStringValue()).isEqualTo("api");
        List<LogRecord> api = resources.get(0).getScopeLogs(0).getLogRecordsList();
        assertThat(api).extracting(rec -> rec.getBody().getStringValue()).containsExactly("one", "three");
        assertThat(api.get(0).getSeverityNumberValue()).isEqualTo(9);
    }

    @Test
    void theJsonEncodingWritesHexIds() throws Exception {
        LogEvent e = TestBatches.event("api", "traced", 0).traceId("4bf92f3577b34da6a3ce929d0e0e4736");
        output("{\"endpoint\":\"" + receiver.endpoint() + "\",\"encoding\":\"json\",\"compression\":\"none\"}")
                .send(TestBatches.of(List.of(e)));

        var got = receiver.received.get(0);
        assertThat(got.headers().get("Content-type")).containsExactly("application/json");
        assertThat(new String(got.rawBody(), StandardCharsets.UTF_8)).contains("\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"");
        assertThat(got.request().getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getBody().getStringValue())
                .isEqualTo("traced");
    }

    @Test
    void exactlyTheRetryableStatusesAreRetriedAndOthersDeadLetterTheBatch() throws Exception {
        OtlpOutput out = output();
        var batch = TestBatches.of(List.of(TestBatches.event("api", "m", 0), TestBatches.event("api", "n", 1)));
        for (int status : List.of(429, 502, 503, 504)) {
            receiver.script(status);
            assertThatThrownBy(() -> out.send(batch)).as("HTTP %d", status).isInstanceOf(RetriableException.class);
        }
        for (int status : List.of(400, 413, 500)) {
            receiver.script(status);
            SendResult r = out.send(batch);
            assertThat(r.refused()).as("HTTP %d", status).hasSize(2);
            assertThat(r.refused().get(0).reason()).startsWith("HTTP " + status);
            assertThat(r.toRetry().isEmpty()).isTrue();
        }
    }

    @Test
    void anUnreachableBackendIsRetried() throws Exception {
        OtlpOutput out = output();
        receiver.close();
        assertThatThrownBy(() -> out.send(TestBatches.of(List.of(TestBatches.event("api", "m", 0)))))
                .isInstanceOf(RetriableException.class);
    }

    @Test
    void recordsRejectedInAPartialSuccessAreCountedNotRetried() throws Exception {
        receiver.rejectRecords = 2;
        SendResult r = output().send(TestBatches.of(List.of(TestBatches.event("api", "m", 0))));

        assertThat(r.allDelivered()).isTrue();
        assertThat(context.meters().get("sluice.otlp.rejected.records").counter().count()).isEqualTo(2);
    }

    @Test
    void sluiceToOtlpToSluiceIsLossless() throws Exception {
        OtlpLoopback.assertLossless(dir,
                (port, batch) -> output("{\"endpoint\":\"http://127.0.0.1:" + port + "/v1/logs\"}").send(batch));
    }
}
