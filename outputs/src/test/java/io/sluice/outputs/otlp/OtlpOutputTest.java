package io.sluice.outputs.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.PermanentOutputException;
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
import java.time.Duration;
import java.util.ArrayList;
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

    private Output output(String options) throws Exception {
        OptionSpec.Binding binding = new OtlpOutputPlugin().options().bind(JSON.readTree(options));
        assertThat(binding.problems()).isEmpty();
        Output out = new OtlpOutputPlugin().create("otel", binding.options());
        context = new TestOutputContext("otel", dir);
        out.start(context);
        return out;
    }

    private Output output() throws Exception {
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
    void protocolHttpJsonIsTheSameAsEncodingJson() throws Exception {
        Output out = output("{\"endpoint\":\"" + receiver.endpoint() + "\",\"protocol\":\"http/json\"}");
        assertThat(out.send(TestBatches.of(List.of(TestBatches.event("api", "as json", 0)))).allDelivered()).isTrue();

        var got = receiver.received.get(0);
        assertThat(got.headers().get("Content-type")).containsExactly("application/json");
        assertThat(got.request().getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getBody().getStringValue())
                .isEqualTo("as json");
    }

    @Test
    void exactlyTheRetryableStatusesAreRetriedAndOthersDeadLetterTheBatch() throws Exception {
        Output out = output();
        var batch = TestBatches.of(List.of(TestBatches.event("api", "m", 0), TestBatches.event("api", "n", 1)));
        for (int status : List.of(429, 502, 503, 504)) {
            receiver.script(status);
            assertThatThrownBy(() -> out.send(batch)).as("HTTP %d", status).isInstanceOf(RetriableException.class);
        }
        for (int status : List.of(400, 500)) {
            receiver.script(status);
            SendResult r = out.send(batch);
            assertThat(r.refused()).as("HTTP %d", status).hasSize(2);
            assertThat(r.refused().get(0).reason()).startsWith("HTTP " + status).contains("scripted " + status);
            assertThat(r.toRetry().isEmpty()).isTrue();
        }
        receiver.script(401);
        assertThatThrownBy(() -> out.send(batch)).as("credentials refused: the operator must act")
                .isInstanceOf(PermanentOutputException.class).hasMessageContaining("check auth");
    }

    @Test
    void a413IsNotRetriedAsIsButSplitAndAnEventTooLargeAloneIsDeadLettered() throws Exception {
        Output out = output();
        receiver.script(413);
        SendResult r = out.send(TestBatches.of(List.of(TestBatches.event("api", "m", 0), TestBatches.event("api", "n", 1))));

        assertThat(r.allDelivered()).isTrue();
        assertThat(receiver.received).extracting(got -> got.request().getResourceLogs(0).getScopeLogs(0).getLogRecordsCount())
                .containsExactly(2, 1, 1);
        assertThat(receiver.records()).extracting(rec -> rec.getBody().getStringValue()).containsExactly("m", "n", "m", "n");

        receiver.script(413);
        SendResult alone = out.send(TestBatches.of(List.of(TestBatches.event("api", "huge", 2))));
        assertThat(alone.refused()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("http_too_large");
            assertThat(f.reason()).startsWith("HTTP 413");
        });
    }

    @Test
    void aBatchLargerThanMaxRequestBytesIsSplitBeforeSendingInOrder() throws Exception {
        Output out = output("{\"endpoint\":\"" + receiver.endpoint() + "\",\"max_request_bytes\":\"2KiB\"}");
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) events.add(TestBatches.event("api", "message " + i + " " + "x".repeat(100), i));

        SendResult r = out.send(TestBatches.of(events));

        assertThat(r.allDelivered()).isTrue();
        assertThat(receiver.received.size()).as("several requests, none of them refused").isGreaterThan(2);
        assertThat(receiver.received).allSatisfy(got -> assertThat(got.rawBody().length).isLessThanOrEqualTo(2048));
        assertThat(receiver.records()).extracting(rec -> rec.getBody().getStringValue())
                .containsExactlyElementsOf(events.stream().map(LogEvent::message).toList());
    }

    @Test
    void retryAfterIsHonouredTheNextSendWaitsWithoutARequest() throws Exception {
        Output out = output();
        var batch = TestBatches.of(List.of(TestBatches.event("api", "m", 0)));
        receiver.scriptRetryAfter(429, "2");

        assertThatThrownBy(() -> out.send(batch)).isInstanceOfSatisfying(RetriableException.class,
                e -> assertThat(e.retryAfter()).as("handed to the sink runner's backoff").isEqualTo(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> out.send(batch)).as("within the wait: no request").isInstanceOfSatisfying(
                RetriableException.class, e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2)));
        assertThat(receiver.received).hasSize(1);

        Thread.sleep(2100);
        assertThat(out.send(batch).allDelivered()).isTrue();
        assertThat(receiver.received).hasSize(2);
    }

    @Test
    void zstdAndAuthComeFromTheHttpCore() throws Exception {
        Output out = output("{\"endpoint\":\"" + receiver.endpoint() + "\",\"compression\":\"zstd\","
                + "\"auth\":{\"username\":\"otel\",\"password\":\"s3cret\"}}");
        assertThat(out.send(TestBatches.of(List.of(TestBatches.event("api", "packed", 0)))).allDelivered()).isTrue();

        var got = receiver.received.get(0);
        assertThat(got.headers().get("Content-encoding")).containsExactly("zstd");
        assertThat(got.headers().get("Authorization")).containsExactly(
                "Basic " + java.util.Base64.getEncoder().encodeToString("otel:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(receiver.records()).extracting(rec -> rec.getBody().getStringValue()).containsExactly("packed");
    }

    @Test
    void anUnreachableBackendIsRetried() throws Exception {
        Output out = output();
        receiver.close();
        assertThatThrownBy(() -> out.send(TestBatches.of(List.of(TestBatches.event("api", "m", 0)))))
                .isInstanceOf(RetriableException.class);
    }

    @Test
    void aPartialSuccessIsCountedNeverRetriedAndDeadLettersTheRequestOnlyWhenEveryRecordWasRejected() throws Exception {
        Output out = output();
        var two = TestBatches.of(List.of(TestBatches.event("api", "m", 0), TestBatches.event("api", "n", 1)));
        receiver.rejectRecords = 1;
        assertThat(out.send(two).allDelivered()).as("which one OTLP does not say: none is dead-lettered").isTrue();

        receiver.rejectRecords = 2;
        SendResult all = out.send(two);
        assertThat(all.refused()).hasSize(2)
                .allSatisfy(f -> assertThat(f.reason()).contains("rejected all 2 records").contains("too old"));
        assertThat(all.toRetry().isEmpty()).isTrue();
        assertThat(receiver.received).as("never sent again").hasSize(2);
        assertThat(context.meters().get("sluice.otlp.rejected.records").counter().count()).isEqualTo(3);
    }

    @Test
    void sluiceToOtlpToSluiceIsLossless() throws Exception {
        OtlpLoopback.assertLossless(dir,
                (port, batch) -> output("{\"endpoint\":\"http://127.0.0.1:" + port + "/v1/logs\"}").send(batch));
    }
}
