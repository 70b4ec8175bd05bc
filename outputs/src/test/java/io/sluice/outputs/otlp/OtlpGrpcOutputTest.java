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
import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.TestBatches;
import io.sluice.core.testkit.TlsFiles;
import io.sluice.outputs.TestOutputContext;
import io.sluice.outputs.http.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final List<OtlpGrpcReceiver> extraReceivers = new ArrayList<>();
    private TestOutputContext context;

    OtlpGrpcOutputTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        for (Output o : opened) o.close();
        receiver.close();
        for (OtlpGrpcReceiver r : extraReceivers) r.close();
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
        Set<Status.Code> operatorMustAct = EnumSet.of(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED,
                Status.Code.UNIMPLEMENTED);
        int calls = 6;
        for (Status.Code code : Status.Code.values()) {
            if (code == Status.Code.OK || OtlpGrpcOutput.RETRYABLE.contains(code)) continue;
            receiver.script(code);
            calls++;
            if (operatorMustAct.contains(code)) {
                assertThatThrownBy(() -> out.send(twoEvents())).as("%s: the operator must act; the events wait", code)
                        .isInstanceOf(PermanentOutputException.class);
                continue;
            }
            SendResult r = out.send(twoEvents());
            assertThat(r.refused()).as("%s (RESOURCE_EXHAUSTED without RetryInfo too)", code).hasSize(2);
            assertThat(r.refused().get(0).reason()).startsWith("gRPC " + code);
            assertThat(r.toRetry().isEmpty()).isTrue();
        }
        assertThat(receiver.received).as("each answer from one call, none resent").hasSize(calls);
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
    void aPartialSuccessIsCountedNeverRetriedAndDeadLettersTheRequestOnlyWhenEveryRecordWasRejected() throws Exception {
        Output out = output();
        receiver.rejectRecords = 1;
        assertThat(out.send(twoEvents()).allDelivered()).as("which one OTLP does not say: none is dead-lettered").isTrue();
        receiver.rejectRecords = 2;
        SendResult all = out.send(twoEvents());
        assertThat(all.refused()).extracting(SendResult.Refusal::type).containsExactly("otlp_rejected", "otlp_rejected");
        assertThat(all.refused()).allSatisfy(f -> assertThat(f.reason()).contains("rejected all 2 records").contains("too old"));
        assertThat(all.toRetry().isEmpty()).isTrue();
        assertThat(context.meters().get("sluice.otlp.rejected.records").counter().count()).isEqualTo(3);
        assertThat(receiver.received).as("never retried").hasSize(2);
    }

    @Test
    void aBatchOverMaxRequestBytesIsSplitByRecordsAndARecordTooLargeAloneIsDeadLettered() throws Exception {
        OtlpGrpcReceiver small = closing(new OtlpGrpcReceiver(4096, null));
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) events.add(TestBatches.event(i % 2 == 0 ? "api" : "db", "message " + i + " " + "x".repeat(200), i));
        events.add(20, TestBatches.event("api", "huge " + "y".repeat(6000), 99));
        SinkBatch batch = TestBatches.of(events);

        SendResult unsplit = output(small.endpoint(), "").send(batch);
        // grpc-java's server answers an oversized message UNKNOWN ("Application error processing RPC"); others RESOURCE_EXHAUSTED
        assertThat(unsplit.refused()).as("the receiver's limit is real: one oversized call is refused whole")
                .hasSize(41).allSatisfy(f -> assertThat(f.type()).isEqualTo("otlp_refused"));
        assertThat(small.received).isEmpty();

        SendResult r = output(small.endpoint(), ",\"max_request_bytes\":\"4KiB\"").send(batch);
        assertThat(r.toRetry().isEmpty()).isTrue();
        assertThat(r.refused()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(20);
            assertThat(f.type()).isEqualTo("otlp_too_large");
            assertThat(f.reason()).contains("max_request_bytes 4096");
        });
        assertThat(small.received.size()).as("several calls, none refused").isGreaterThan(2);
        assertThat(small.received).allSatisfy(got -> {
            assertThat(got.request().getSerializedSize()).isLessThanOrEqualTo(4096);
            assertThat(got.request().getResourceLogsList()).as("grouped by resource within each call")
                    .extracting(rl -> rl.getResource().getAttributesList().stream()
                            .filter(a -> a.getKey().equals("service.name")).findFirst().orElseThrow().getValue().getStringValue())
                    .doesNotHaveDuplicates();
        });
        List<String> sent = new ArrayList<>();
        for (var got : small.received) {
            got.request().getResourceLogsList().forEach(rl -> rl.getScopeLogsList().forEach(sl ->
                    sl.getLogRecordsList().forEach(rec -> sent.add(rec.getBody().getStringValue()))));
        }
        assertThat(sent).containsExactlyInAnyOrderElementsOf(events.stream().map(LogEvent::message)
                .filter(m -> !m.startsWith("huge")).toList());
    }

    @Test
    void headersAndEveryAuthMethodOfTheHttpCoreAreSentAsMetadata() throws Exception {
        Output bearer = output(receiver.endpoint(), ",\"headers\":{\"X-Scope-OrgID\":\"tenant-7\"},"
                + "\"auth\":{\"bearer_token\":\"t0k\"}");
        assertThat(bearer.send(twoEvents()).allDelivered()).isTrue();
        assertThat(header(0, "x-scope-orgid")).isEqualTo("tenant-7");
        assertThat(header(0, "authorization")).isEqualTo("Bearer t0k");

        output(receiver.endpoint(), ",\"auth\":{\"username\":\"otel\",\"password\":\"s3cret\"}").send(twoEvents());
        assertThat(header(1, "authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("otel:s3cret".getBytes(StandardCharsets.UTF_8)));

        output(receiver.endpoint(), ",\"auth\":{\"api_key\":\"k3y\",\"api_key_header\":\"X-Api-Key\"}").send(twoEvents());
        assertThat(header(2, "x-api-key")).isEqualTo("k3y");
        assertThat(receiver.received.get(2).headers().get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
                .isNull();
    }

    @Test
    void anOauth2TokenIsSentAsMetadataAndRenewedOnceAfterUnauthenticated() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        try (Receiver tokens = new Receiver()) {
            tokens.handle("/token", r -> Receiver.Response.of(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,"
                    + "\"access_token\":\"tok-" + issued.incrementAndGet() + "\"}"));
            Output out = output(receiver.endpoint(), ",\"auth\":{\"oauth2\":{\"token_url\":\"" + tokens.url("/token")
                    + "\",\"client_id\":\"app-1\",\"client_secret\":\"s3cret\"}}");
            receiver.script(Status.Code.UNAUTHENTICATED);
            assertThat(out.send(twoEvents()).allDelivered()).isTrue();
            assertThat(out.send(twoEvents()).allDelivered()).isTrue();
        }
        assertThat(issued).as("fetched, renewed after UNAUTHENTICATED, then reused").hasValue(2);
        assertThat(List.of(header(0, "authorization"), header(1, "authorization"), header(2, "authorization")))
                .containsExactly("Bearer tok-1", "Bearer tok-2", "Bearer tok-2");
    }

    private String header(int call, String name) {
        return receiver.received.get(call).headers().get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }

    @Test
    void mutualTlsWithTheCaFileAndClientCertificateAndTheServersName() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl CLI is not installed");
        TlsFiles files = TlsFiles.create(Files.createDirectories(dir.resolve("tls")), "otlp-receiver");
        OtlpGrpcReceiver secure = closing(new OtlpGrpcReceiver(4 << 20, OtlpGrpcReceiver.requiringClientCerts(files)));
        String ca = "\"ca_file\":\"" + files.ca + "\"";
        String clientCert = ",\"cert_file\":\"" + files.dir.resolve("client.pem") + "\",\"key_file\":\""
                + files.dir.resolve("client.key") + "\"";

        assertThat(output(secure.endpoint(), ",\"tls\":{" + ca + clientCert + "}").send(twoEvents()).allDelivered()).isTrue();
        assertThat(secure.received.get(0).clientCert()).isEqualTo("CN=test-client");

        String local = secure.endpoint().replace("127.0.0.1", "localhost");
        assertThat(output(local, ",\"tls\":{" + ca + clientCert + ",\"server_name\":\"localhost\"}").send(twoEvents())
                .allDelivered()).as("server_name that the certificate carries").isTrue();
        Output otherName = output(secure.endpoint(), ",\"tls\":{" + ca + clientCert + ",\"server_name\":\"elsewhere.example\"}");
        assertThatThrownBy(() -> otherName.send(twoEvents())).as("a name the certificate does not carry")
                .isInstanceOf(PermanentOutputException.class).hasMessageContaining("TLS with");
        assertThat(secure.received).hasSize(2);
    }

    @Test
    void aPinnedFingerprintAndVerifyFalseWorkOverGrpcToo() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl CLI is not installed");
        TlsFiles files = TlsFiles.create(Files.createDirectories(dir.resolve("tls")), "otlp-receiver");
        OtlpGrpcReceiver secure = closing(new OtlpGrpcReceiver(4 << 20, OtlpGrpcReceiver.requiringClientCerts(files)));
        String clientCert = ",\"cert_file\":\"" + files.dir.resolve("client.pem") + "\",\"key_file\":\""
                + files.dir.resolve("client.key") + "\"";
        byte[] der;
        try (var in = Files.newInputStream(files.serverCert)) {
            der = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
        }
        String pin = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));

        assertThat(output(secure.endpoint(), ",\"tls\":{\"fingerprint\":\"" + pin + "\"" + clientCert + "}")
                .send(twoEvents()).allDelivered()).isTrue();
        assertThat(output(secure.endpoint(), ",\"tls\":{\"verify\":false" + clientCert + ",\"server_name\":\"elsewhere.example\"}")
                .send(twoEvents()).allDelivered()).as("verify false: any certificate and host name").isTrue();
        assertThat(secure.received).hasSize(2);
    }

    @Test
    void noClientCertificateOrAnotherCaFailsWithAClearErrorNotARetry() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl CLI is not installed");
        TlsFiles files = TlsFiles.create(Files.createDirectories(dir.resolve("tls")), "otlp-receiver");
        TlsFiles other = TlsFiles.create(Files.createDirectories(dir.resolve("other")), "elsewhere");
        OtlpGrpcReceiver secure = closing(new OtlpGrpcReceiver(4 << 20, OtlpGrpcReceiver.requiringClientCerts(files)));
        String clientCert = ",\"cert_file\":\"" + files.dir.resolve("client.pem") + "\",\"key_file\":\""
                + files.dir.resolve("client.key") + "\"";

        Output wrongCa = output(secure.endpoint(), ",\"tls\":{\"ca_file\":\"" + other.ca + "\"" + clientCert + "}");
        assertThatThrownBy(() -> wrongCa.send(twoEvents())).isInstanceOf(PermanentOutputException.class)
                .hasMessageContaining("TLS with 127.0.0.1 failed").hasMessageContaining("PKIX")
                .hasMessageContaining("tls.ca_file");

        Output noClientCert = output(secure.endpoint(), ",\"tls\":{\"ca_file\":\"" + files.ca + "\"}");
        assertThatThrownBy(() -> noClientCert.send(twoEvents())).isInstanceOf(PermanentOutputException.class)
                .hasMessageContaining("certificate_required").hasMessageContaining("tls.cert_file");
        assertThat(secure.received).isEmpty();
    }

    private OtlpGrpcReceiver closing(OtlpGrpcReceiver r) {
        extraReceivers.add(r);
        return r;
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
                + "\"tls\":{\"verify\":false}}")).problems()).as("tls on a plaintext endpoint is not silently ignored")
                .singleElement().asString().contains("https://");
        assertThat(spec.bind(JSON.readTree("{\"endpoint\":\"https://c:4318/v1/logs\","
                + "\"tls\":{\"server_name\":\"c.example\"}}")).problems()).as("the HTTP client cannot check another name")
                .singleElement().asString().contains("protocol grpc");
        assertThat(spec.bind(JSON.readTree("{\"endpoint\":\"https://c:4317\",\"protocol\":\"grpc\",\"max_request_bytes\":\"1MiB\","
                + "\"auth\":{\"bearer_token\":\"t\"},\"tls\":{\"server_name\":\"c.example\"}}")).problems()).isEmpty();
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
