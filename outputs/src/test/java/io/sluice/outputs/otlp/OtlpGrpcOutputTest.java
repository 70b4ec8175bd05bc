package io.sluice.outputs.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Metadata;
import io.grpc.Status;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.PermanentOutputException;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.core.testkit.TestBatches;
import io.sluice.outputs.TestOutputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The otlp output's gRPC transport against a grpc-java receiver with scripted statuses, and against Sluice's own input. */
class OtlpGrpcOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final OtlpGrpcReceiver receiver = new OtlpGrpcReceiver();
    private final List<Output> opened = new ArrayList<>();
    private TestOutputContext context;

    OtlpGrpcOutputTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        for (Output o : opened) o.close();
        receiver.close();
    }

    private Output output(String endpoint, String more) throws Exception {
        OptionSpec.Binding binding = new OtlpOutputPlugin().options()
                .bind(JSON.readTree("{\"endpoint\":\"" + endpoint + "\",\"protocol\":\"grpc\"" + more + "}"));
        assertThat(binding.problems()).isEmpty();
        Output out = new OtlpOutputPlugin().create("otel", binding.options());
        assertThat(out).isInstanceOf(OtlpGrpcOutput.class);
        context = new TestOutputContext("otel", dir);
        out.start(context);
        opened.add(out);
        return out;
    }

    private Output output() throws Exception {
        return output(receiver.endpoint(), ",\"headers\":{\"Authorization\":\"Bearer t0k\"}");
    }

    private static SinkBatch twoEvents() {
        return TestBatches.of(List.of(TestBatches.event("api", "m", 0), TestBatches.event("api", "n", 1)));
    }

    @Test
    void aBatchIsOneGzippedExportCallGroupedByResourceWithTheHeaders() throws Exception {
        var batch = TestBatches.of(List.of(TestBatches.event("api", "one", 0), TestBatches.event("db", "two", 1),
                TestBatches.event("api", "three", 2)));
        assertThat(output().send(batch).allDelivered()).isTrue();

        var got = receiver.received.get(0);
        assertThat(got.headers().get(Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("gzip");
        assertThat(got.headers().get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("Bearer t0k");
        assertThat(got.request().getResourceLogsList()).extracting(rl -> rl.getScopeLogs(0).getLogRecordsList().stream()
                .map(rec -> rec.getBody().getStringValue()).toList())
                .containsExactly(List.of("one", "three"), List.of("two"));
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void exactlyTheSpecificationsRetryableCodesAreRetriedAndOthersDeadLetterTheBatch() throws Exception {
        Output out = output();
        for (Status.Code code : List.of(Status.Code.CANCELLED, Status.Code.DEADLINE_EXCEEDED, Status.Code.ABORTED,
                Status.Code.OUT_OF_RANGE, Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS)) {
            receiver.script(code);
            assertThatThrownBy(() -> out.send(twoEvents())).as("%s", code).isInstanceOf(RetriableException.class);
        }
        for (Status.Code code : List.of(Status.Code.RESOURCE_EXHAUSTED, Status.Code.INVALID_ARGUMENT,
                Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.FAILED_PRECONDITION)) {
            receiver.script(code);
            SendResult r = out.send(twoEvents());
            assertThat(r.refused()).as("%s", code).hasSize(2);
            assertThat(r.refused().get(0).reason()).startsWith("gRPC " + code);
            assertThat(r.toRetry().isEmpty()).isTrue();
        }
        receiver.script(Status.Code.UNAUTHENTICATED);
        assertThatThrownBy(() -> out.send(twoEvents())).as("the operator must act; the events wait")
                .isInstanceOf(PermanentOutputException.class);
        assertThat(receiver.received).hasSize(12);
    }

    @Test
    void resourceExhaustedWithRetryInfoIsRetriedAfterItsDelayAndSoIsUnavailableWithOne() throws Exception {
        Output out = output();
        receiver.scriptWithRetryInfo(Status.Code.RESOURCE_EXHAUSTED, 7);
        RetriableException throttled = catchThrowableOfType(() -> out.send(twoEvents()), RetriableException.class);
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(7));

        receiver.scriptWithRetryInfo(Status.Code.UNAVAILABLE, 2);
        RetriableException unavailable = catchThrowableOfType(() -> out.send(twoEvents()), RetriableException.class);
        assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(2));

        assertThat(out.send(twoEvents()).allDelivered()).isTrue();
    }

    @Test
    void aPartialSuccessIsCountedAndDeadLettersTheBatchOnlyWhenEveryRecordWasRejected() throws Exception {
        Output out = output();
        receiver.rejectRecords = 1;
        assertThat(out.send(twoEvents()).allDelivered()).as("which one OTLP does not say: kept as delivered").isTrue();
        receiver.rejectRecords = 2;
        SendResult all = out.send(twoEvents());
        assertThat(all.refused()).extracting(SendResult.Refusal::type).containsExactly("otlp_rejected", "otlp_rejected");
        assertThat(all.refused().get(0).reason()).contains("too old");
        assertThat(all.toRetry().isEmpty()).isTrue();
        assertThat(context.meters().get("sluice.otlp.rejected.records").counter().count()).isEqualTo(3);
        assertThat(receiver.received).as("never retried").hasSize(2);
    }

    @Test
    void anUnreachableReceiverIsRetried() throws Exception {
        Output out = output();
        receiver.close();
        assertThatThrownBy(() -> out.send(twoEvents())).isInstanceOf(RetriableException.class);
    }

    @Test
    void aGrpcEndpointWithAPathProtocolWithEncodingAndHttpOnlySettingsAreConfigurationErrors() throws Exception {
        OptionSpec spec = new OtlpOutputPlugin().options();
        assertThat(spec.bind(JSON.readTree("{\"endpoint\":\"http://c:4317/v1/logs\",\"protocol\":\"grpc\"}")).problems())
                .singleElement().asString().contains("without a path");
        assertThat(spec.bind(JSON.readTree("{\"endpoint\":\"http://c:4318/v1/logs\",\"protocol\":\"http/json\","
                + "\"encoding\":\"json\"}")).problems()).hasSize(1);
        assertThat(spec.bind(JSON.readTree("{\"endpoint\":\"http://c:4317\",\"protocol\":\"grpc\"}")).problems()).isEmpty();
        assertThat(spec.bind(JSON.readTree("{\"endpoint\":\"http://c:4317\",\"protocol\":\"grpc\","
                + "\"auth\":{\"bearer_token\":\"t\"}}")).problems()).as("auth is HTTP-only, not silently ignored")
                .singleElement().asString().contains("headers");
        assertThat(spec.bind(JSON.readTree("{\"endpoint\":\"http://c:4317\",\"protocol\":\"grpc\","
                + "\"compression\":\"zstd\"}")).problems()).singleElement().asString().contains("gzip or none");
        assertThat(spec.bind(JSON.readTree("{\"endpoint\":\"http://c:4317\",\"protocol\":\"grpc\","
                + "\"compression\":\"none\",\"request_timeout\":\"5s\"}")).problems()).isEmpty();
    }

    @Test
    void sluiceToOtlpGrpcToSluiceIsLossless() throws Exception {
        OtlpLoopback.assertLossless(dir, (port, batch) -> output("http://127.0.0.1:" + port, "").send(batch));
    }
}
