package io.sluice.inputs.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.exporter.otlp.http.logs.JsonLogExporters;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.sluice.api.otel.OtlpJson;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.api.schema.EventEncoder;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.core.testkit.TlsFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The otlp input against the real OpenTelemetry Java SDK exporters (HTTP protobuf, HTTP JSON, gRPC),
 * a plain HTTP client and a grpc-java client, all on the input's one port.
 */
class OtlpInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    static {
        // the OkHttp sender is here for the gRPC exporter; the HTTP exporters keep the JDK's client
        System.setProperty("io.opentelemetry.sdk.common.export.HttpSenderProvider",
                "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider");
    }

    @TempDir
    Path dir;

    private OtlpInput input;
    private final HttpClient http = HttpClient.newHttpClient();

    private CollectingInputContext start(String options) throws Exception {
        return start(options, Long.MAX_VALUE);
    }

    /** @param heldBytes {@code pipeline.held_bytes} */
    private CollectingInputContext start(String options, long heldBytes) throws Exception {
        OptionSpec.Binding binding = new OtlpInputPlugin().options().bind(JSON.readTree(options));
        assertThat(binding.problems()).isEmpty();
        input = (OtlpInput) new OtlpInputPlugin().create("otel", binding.options());
        CollectingInputContext ctx = new CollectingInputContext("otel", dir);
        ctx.limitHeldBytes(heldBytes);
        input.start(ctx);
        assertThat(input.isReady()).isTrue();
        return ctx;
    }

    private String endpoint() {
        return "http://127.0.0.1:" + input.boundAddress().getPort() + "/v1/logs";
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (input != null) {
            input.stop();
            assertThat(input.awaitStop(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(PluginRegistry.load().input("otlp")).isInstanceOf(OtlpInputPlugin.class);
    }

    @Test
    void everyFieldTheSdkProtobufExporterSetsArrivesInSchemaV1() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        sendWithSdk(OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint()).setCompression("gzip").build());
        assertSdkRecordArrived(ctx);
    }

    @Test
    void everyFieldTheSdkJsonExporterSetsArrivesInSchemaV1() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        sendWithSdk(JsonLogExporters.create(endpoint()));
        assertSdkRecordArrived(ctx);
    }

    private static void sendWithSdk(LogRecordExporter exporter) {
        assertThat(emit(exporter)).as("the exporter got a success answer").isTrue();
    }

    /** Emits one record with every field the SDK can set; true when the export succeeded. */
    private static boolean emit(LogRecordExporter exporter) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
                .put("service.name", "checkout").put("host.name", "node-7")
                .put("k8s.namespace.name", "shop").put("k8s.pod.name", "checkout-5d9")
                .put("container.id", "c0ffee").put("deployment.environment.name", "prod").build()));
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build()) {
            Logger logger = provider.loggerBuilder("com.shop.Payments").setInstrumentationVersion("2.1").build();
            Context withSpan = Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID,
                    TraceFlags.getSampled(), TraceState.getDefault())));
            logger.logRecordBuilder()
                    .setTimestamp(Instant.parse("2026-03-01T10:00:00.123456789Z"))
                    .setObservedTimestamp(Instant.parse("2026-03-01T10:00:01Z"))
                    .setSeverity(Severity.WARN2).setSeverityText("WARNING")
                    .setBody("card declined")
                    .setAttribute(AttributeKey.stringKey("order.id"), "A-17")
                    .setAttribute(AttributeKey.longKey("retries"), 3L)
                    .setAttribute(AttributeKey.doubleKey("amount"), 12.5)
                    .setAttribute(AttributeKey.booleanKey("vip"), true)
                    .setAttribute(AttributeKey.stringArrayKey("items"), List.of("sku-1", "sku-2"))
                    .setAttribute(AttributeKey.stringKey("exception.type"), "CardException")
                    .setAttribute(AttributeKey.stringKey("exception.message"), "declined by issuer")
                    .setContext(withSpan)
                    .emit();
            return provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess();
        }
    }

    private static void assertSdkRecordArrived(CollectingInputContext ctx) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);
        LogEvent e = ctx.events().get(0);
        assertThat(e.rejection()).isNull();
        JsonNode v1 = JSON.readTree(new EventEncoder().encode(e));
        assertThat(v1.get("@timestamp").asText()).isEqualTo("2026-03-01T10:00:00.123456789Z");
        assertThat(v1.at("/event/created").asText()).isEqualTo("2026-03-01T10:00:01Z");
        assertThat(v1.get("message").asText()).isEqualTo("card declined");
        assertThat(v1.at("/log/level").asText()).isEqualTo("warn");
        assertThat(v1.at("/service/name").asText()).isEqualTo("checkout");
        assertThat(v1.at("/host/name").asText()).isEqualTo("node-7");
        assertThat(v1.at("/input/type").asText()).isEqualTo("otlp");
        assertThat(v1.at("/kubernetes/namespace").asText()).isEqualTo("shop");
        assertThat(v1.at("/kubernetes/pod/name").asText()).isEqualTo("checkout-5d9");
        assertThat(v1.at("/container/id").asText()).isEqualTo("c0ffee");
        assertThat(v1.at("/trace/id").asText()).isEqualTo(TRACE_ID);
        assertThat(v1.at("/span/id").asText()).isEqualTo(SPAN_ID);
        assertThat(v1.at("/error/type").asText()).isEqualTo("CardException");
        assertThat(v1.at("/error/message").asText()).isEqualTo("declined by issuer");
        JsonNode a = v1.get("attributes");
        assertThat(a.get("order.id").asText()).isEqualTo("A-17");
        assertThat(a.get("retries").isIntegralNumber()).isTrue();
        assertThat(a.get("retries").asLong()).isEqualTo(3);
        assertThat(a.get("amount").asDouble()).isEqualTo(12.5);
        assertThat(a.get("vip").asBoolean()).isTrue();
        assertThat(a.get("items").toString()).isEqualTo("[\"sku-1\",\"sku-2\"]");
        assertThat(a.get("log.severity_text").asText()).isEqualTo("WARNING");
        assertThat(a.get("trace.flags").asInt()).isEqualTo(1);
        assertThat(v1.at("/log/logger").asText()).isEqualTo("com.shop.Payments");
        assertThat(a.get("log.logger_version").asText()).isEqualTo("2.1");
        assertThat(v1.at("/service/environment").asText()).isEqualTo("prod");
        assertThat(a.at("/resource/telemetry.sdk.language").asText()).isEqualTo("java");
        assertThat(ctx.events().get(0).serviceName()).isEqualTo("checkout");
    }

    @Test
    void everyFieldTheSdkGrpcExporterSetsArrivesInSchemaV1OnTheSamePort() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        sendWithSdk(OtlpGrpcLogRecordExporter.builder().setEndpoint(grpcEndpoint("http")).setCompression("gzip")
                .build());
        assertSdkRecordArrived(ctx);
        // and OTLP/HTTP on the same port still
        assertThat(post(request("http too").toByteArray(), "application/x-protobuf", Function.identity())
                .statusCode()).isEqualTo(200);
        assertThat(ctx.events()).hasSize(2);
    }

    @Test
    void aFullPipelineIsAnsweredResourceExhaustedWithRetryInfoOverGrpcAndTheRecordsComeOnceResent() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"retry_after\":\"3s\"}");
        ManagedChannel channel = grpcChannel();
        try {
            var stub = LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
            ctx.capacity(false);
            StatusRuntimeException refused = grpcFailure(() -> stub.export(request("resent")));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            com.google.rpc.Status details = StatusProto.fromThrowable(refused);
            assertThat(details).isNotNull();
            assertThat(details.getDetails(0).unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(3);
            assertThat(ctx.events()).isEmpty();

            ctx.capacity(true);
            assertThat(stub.withCompression("gzip").export(request("resent")).hasPartialSuccess()).isFalse();
            assertThat(ctx.events()).extracting(LogEvent::message).containsExactly("resent");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void anOversizedGrpcRequestIsRefusedResourceExhaustedWithoutRetryInfoEvenWhenItOnlyInflatesTooLarge()
            throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"max_request_bytes\":\"1KiB\"}");
        ManagedChannel channel = grpcChannel();
        try {
            var stub = LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
            for (var sender : List.of(stub, stub.withCompression("gzip"))) {
                StatusRuntimeException refused = grpcFailure(() -> sender.export(request("x".repeat(2000))));
                assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(StatusProto.fromThrowable(refused).getDetailsList()).as("no RetryInfo: not to be retried")
                        .isEmpty();
            }
            sendWithSdk(OtlpGrpcLogRecordExporter.builder().setEndpoint(grpcEndpoint("http")).build());
            assertThat(ctx.events()).hasSize(1);
        } finally {
            channel.shutdownNow();
        }
    }

    private String grpcEndpoint(String scheme) {
        return scheme + "://127.0.0.1:" + input.boundAddress().getPort();
    }

    private ManagedChannel grpcChannel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", input.boundAddress().getPort()).usePlaintext().build();
    }

    private static StatusRuntimeException grpcFailure(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException ex) {
            return ex;
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void mutualTlsTakesTheSdkHttpAndGrpcExportersWithAClientCertificateAndRefusesThemWithout() throws Exception {
        TlsFiles tls = TlsFiles.create(Files.createDirectories(dir.resolve("tls")), "sluice-otlp");
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"tls\":{\"cert_file\":\"" + tls.serverCert
                + "\",\"key_file\":\"" + tls.serverKey + "\",\"ca_file\":\"" + tls.ca + "\"}}");
        String https = endpoint().replace("http://", "https://");
        byte[] ca = Files.readAllBytes(tls.ca);
        byte[] key = Files.readAllBytes(tls.dir.resolve("client.key"));
        byte[] cert = Files.readAllBytes(tls.dir.resolve("client.pem"));

        sendWithSdk(OtlpHttpLogRecordExporter.builder().setEndpoint(https).setTrustedCertificates(ca)
                .setClientTls(key, cert).build());
        assertSdkRecordArrived(ctx);
        // gRPC on the same TLS port: ALPN agrees on h2
        sendWithSdk(OtlpGrpcLogRecordExporter.builder().setEndpoint(grpcEndpoint("https")).setTrustedCertificates(ca)
                .setClientTls(key, cert).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 2);

        try (OtlpHttpLogRecordExporter anonymous = OtlpHttpLogRecordExporter.builder().setEndpoint(https)
                .setTrustedCertificates(ca).setRetryPolicy(null).build();
             OtlpGrpcLogRecordExporter anonymousGrpc = OtlpGrpcLogRecordExporter.builder()
                     .setEndpoint(grpcEndpoint("https")).setTrustedCertificates(ca).setRetryPolicy(null).build()) {
            assertThat(emit(anonymous)).as("no client certificate: refused").isFalse();
            assertThat(emit(anonymousGrpc)).as("no client certificate over gRPC: refused").isFalse();
        }
        assertThat(ctx.events()).hasSize(2);
    }

    @Test
    void aFullPipelineIsAnswered429WithRetryAfterAndTheRecordsComeOnceResent() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"retry_after\":\"3s\"}");
        byte[] body = request("resent").toByteArray();
        ctx.capacity(false);

        HttpResponse<String> refused = post(body, "application/x-protobuf", Function.identity());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(ctx.events()).isEmpty();

        ctx.capacity(true);
        HttpResponse<String> accepted = post(body, "application/x-protobuf", Function.identity());
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        assertThat(ctx.events()).extracting(LogEvent::message).containsExactly("resent");
    }

    @Test
    void requestBodiesBeingReceivedAreChargedToTheHeldBytesAccountAndOneThatDoesNotFitIsRetriedLater() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"retry_after\":\"3s\"}", 64 * 1024);
        ExportLogsServiceRequest large = request("x".repeat(100_000)); // under max_request_bytes, over the account

        HttpResponse<String> refused = post(large.toByteArray(), "application/x-protobuf", Function.identity());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");
        ManagedChannel channel = grpcChannel();
        try {
            var stub = LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
            StatusRuntimeException exhausted = grpcFailure(() -> stub.export(large));
            assertThat(exhausted.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(StatusProto.fromThrowable(exhausted).getDetails(0).unpack(RetryInfo.class)
                    .getRetryDelay().getSeconds()).as("to be retried").isEqualTo(3);
            assertThat(stub.export(request("fits over grpc")).hasPartialSuccess()).isFalse();
        } finally {
            channel.shutdownNow();
        }
        assertThat(ctx.events()).as("nothing of the refused requests").extracting(LogEvent::message)
                .containsExactly("fits over grpc");
        assertThat(post(request("fits").toByteArray(), "application/x-protobuf", Function.identity()).statusCode())
                .as("the same connection goes on").isEqualTo(200);
        assertThat(ctx.events()).extracting(LogEvent::message).containsExactly("fits over grpc", "fits");
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.heldBytes().used() == 0);
    }

    @Test
    void aGzippedJsonRequestWithHexIdsAndStringIntegersIsRead() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        String json = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1700000000000000001\","
                + "\"severityNumber\":17,\"body\":{\"stringValue\":\"boom\"},\"traceId\":\"" + TRACE_ID + "\","
                + "\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":\"12\"}}],\"futureField\":1}]}]}]}";
        HttpResponse<String> r = post(gzip(json.getBytes(StandardCharsets.UTF_8)), "application/json; charset=utf-8",
                b -> b.header("Content-Encoding", "gzip"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
        LogEvent e = ctx.events().get(0);
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.traceId()).isEqualTo(TRACE_ID);
        assertThat(e.timestampNanos()).isEqualTo(1_700_000_000_000_000_001L);
        assertThat(e.serviceName()).isEqualTo("unknown");
        assertThat(e.attributes().toJson()).isEqualTo("{\"n\":12}");
    }

    @Test
    void badRequestsAreRefusedWithTheirOwnStatusNeverA500() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"max_request_bytes\":\"1KiB\"}");
        assertThat(post("not protobuf".getBytes(StandardCharsets.UTF_8), "application/x-protobuf", Function.identity())
                .statusCode()).isEqualTo(400);
        assertThat(post("{\"resourceLogs\":".getBytes(StandardCharsets.UTF_8), "application/json", Function.identity())
                .statusCode()).isEqualTo(400);
        assertThat(post(new byte[10], "text/plain", Function.identity()).statusCode()).isEqualTo(415);
        assertThat(post(request("x".repeat(2000)).toByteArray(), "application/x-protobuf", Function.identity())
                .statusCode()).isEqualTo(413);
        assertThat(post("garbage, not gzip".getBytes(StandardCharsets.UTF_8), "application/x-protobuf",
                b -> b.header("Content-Encoding", "gzip")).statusCode()).isEqualTo(400);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(endpoint())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "x"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(ctx.events()).isEmpty();
    }

    /** A request of three records whose second is refused: its time is past what schema v1 holds. */
    private static ExportLogsServiceRequest oneUnmappableAmongGood(String tag) {
        ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
        var scope = b.addResourceLogsBuilder().setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(KeyValue.newBuilder().setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue("checkout"))))
                .addScopeLogsBuilder().setScope(InstrumentationScope.newBuilder().setName("com.shop"));
        scope.addLogRecords(record(tag + " 1"));
        scope.addLogRecords(record(tag + " 2").setTimeUnixNano(-1L)); // 2^64 - 1 ns, unsigned: year 2554
        scope.addLogRecords(record(tag + " 3"));
        return b.build();
    }

    private static LogRecord.Builder record(String message) {
        return LogRecord.newBuilder().setTimeUnixNano(1_700_000_000_000_000_000L)
                .setBody(AnyValue.newBuilder().setStringValue(message));
    }

    @Test
    void aRecordThatCannotBeMappedIsDeadLetteredAloneAndTheAnswerIsAPartialSuccessOverEveryTransport() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        List<ExportLogsPartialSuccess> answers = new java.util.ArrayList<>();

        HttpResponse<byte[]> protobuf = postForBytes(oneUnmappableAmongGood("protobuf").toByteArray(),
                "application/x-protobuf");
        assertThat(protobuf.statusCode()).isEqualTo(200);
        answers.add(ExportLogsServiceResponse.parseFrom(protobuf.body()).getPartialSuccess());

        HttpResponse<byte[]> json = postForBytes(OtlpJson.print(oneUnmappableAmongGood("json")), "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        answers.add(OtlpJson.parseResponse(json.body()).getPartialSuccess());

        ManagedChannel channel = grpcChannel();
        try {
            var stub = LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
            answers.add(stub.export(oneUnmappableAmongGood("grpc")).getPartialSuccess());
        } finally {
            channel.shutdownNow();
        }

        for (ExportLogsPartialSuccess answer : answers) {
            assertThat(answer.getRejectedLogRecords()).isEqualTo(1);
            assertThat(answer.getErrorMessage()).contains("1 of 3 log records",
                    "time_unix_nano 18446744073709551615 is after 2262-04-11");
        }
        assertThat(ctx.events()).extracting(LogEvent::message).as("the good records, in order, around the bad ones")
                .hasSize(9).contains("protobuf 1", "protobuf 3", "json 1", "json 3", "grpc 1", "grpc 3");
        for (String tag : List.of("protobuf", "json", "grpc")) {
            int first = ctx.events().stream().map(LogEvent::message).toList().indexOf(tag + " 1");
            assertThat(ctx.events().get(first + 2).message()).isEqualTo(tag + " 3");
            LogEvent refused = ctx.events().get(first + 1);
            assertThat(refused.rejection()).as(tag).isNotNull();
            assertThat(refused.rejection().stage()).isEqualTo("decode");
            assertThat(refused.rejection().message()).contains("time_unix_nano 18446744073709551615");
            assertThat(refused.serviceName()).isEqualTo("checkout");
            // the record as it came, with its resource and scope: an export request that can be sent again
            ExportLogsServiceRequest original = OtlpJson.parse(refused.original().getBytes(StandardCharsets.UTF_8));
            ExportLogsServiceRequest sent = oneUnmappableAmongGood(tag);
            assertThat(original.getResourceLogs(0).getResource()).isEqualTo(sent.getResourceLogs(0).getResource());
            assertThat(original.getResourceLogs(0).getScopeLogs(0).getScope())
                    .isEqualTo(sent.getResourceLogs(0).getScopeLogs(0).getScope());
            assertThat(original.getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
                    .containsExactly(sent.getResourceLogs(0).getScopeLogs(0).getLogRecords(1));
        }
        assertThat(ctx.events().stream().filter(e -> e.rejection() == null)).hasSize(6);
        assertThat(ctx.meters().counter("sluice.input.otlp.records.unmapped", "input", "otel").count()).isEqualTo(3);
    }

    @Test
    void oddValuesAClientMaySendAreMappedAndNeverFailTheRequest() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        AnyValue deep = AnyValue.newBuilder().setStringValue("bottom").build();
        for (int i = 0; i < 30; i++) { // about as deep as protobuf's recursion limit lets a request be
            deep = AnyValue.newBuilder().setKvlistValue(io.opentelemetry.proto.common.v1.KeyValueList.newBuilder()
                    .addValues(KeyValue.newBuilder().setKey("k").setValue(deep))).build();
        }
        ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
        b.addResourceLogsBuilder().setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(attribute("k8s.name", AnyValue.newBuilder().setStringValue("odd")))
                        .addAttributes(attribute("process.pid", AnyValue.newBuilder().setIntValue(Long.MIN_VALUE))))
                .addScopeLogsBuilder().addLogRecords(record("odd")
                        .setObservedTimeUnixNano(Long.MAX_VALUE)
                        .setSeverityNumberValue(99)
                        .setTraceId(com.google.protobuf.ByteString.copyFrom(new byte[3]))
                        .setSpanId(com.google.protobuf.ByteString.copyFrom(new byte[100]))
                        .setFlags(-1)
                        .addAttributes(attribute("", AnyValue.newBuilder().setBytesValue(
                                com.google.protobuf.ByteString.copyFrom(new byte[] {(byte) 0xff, 0}))))
                        .addAttributes(attribute("nan", AnyValue.newBuilder().setDoubleValue(Double.NaN)))
                        .addAttributes(attribute("tags", AnyValue.newBuilder().setArrayValue(
                                io.opentelemetry.proto.common.v1.ArrayValue.newBuilder().addValues(deep))))
                        .addAttributes(attribute("log.syslog", AnyValue.newBuilder().setKvlistValue(
                                io.opentelemetry.proto.common.v1.KeyValueList.newBuilder()
                                        .addValues(KeyValue.newBuilder().setKey("facility").setValue(
                                                AnyValue.newBuilder().setIntValue(Long.MAX_VALUE))))))
                        .addAttributes(attribute("deep", deep.toBuilder())));
        HttpResponse<byte[]> r = postForBytes(b.build().toByteArray(), "application/x-protobuf");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ExportLogsServiceResponse.parseFrom(r.body()).hasPartialSuccess()).isFalse();
        LogEvent e = ctx.events().get(0);
        assertThat(e.rejection()).isNull();
        assertThat(e.message()).isEqualTo("odd");
        JsonNode v1 = JSON.readTree(new EventEncoder().encode(e));
        assertThat(v1.at("/attributes/resource/k8s.name").asText()).isEqualTo("odd");
        assertThat(v1.at("/trace/id").asText()).isEqualTo("000000");
        assertThat(v1.at("/attributes/nan").asText()).isEqualTo("NaN");
        assertThat(v1.at("/attributes/").asText()).isEqualTo("/wA=");
        assertThat(v1.at("/attributes/deep" + "/k".repeat(29)).toString()).isEqualTo("{\"k\":\"bottom\"}");
    }

    @Test
    void requestsTooDeepOrWithInvalidUtf8AreRefused400AndTheConnectionGoesOn() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        String deepJson = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":"
                + "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":".repeat(20_000)
                + "{\"stringValue\":\"x\"}" + "}]}}".repeat(20_000) + "}]}]}]}";
        assertThat(post(deepJson.getBytes(StandardCharsets.UTF_8), "application/json", Function.identity())
                .statusCode()).isEqualTo(400);
        String json50 = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":"
                + "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":".repeat(50)
                + "{\"stringValue\":\"x\"}" + "}]}}".repeat(50) + "}]}]}]}";
        assertThat(post(json50.getBytes(StandardCharsets.UTF_8), "application/json", Function.identity())
                .statusCode()).as("over protobuf's recursion limit of 100 messages").isEqualTo(400);

        byte[] notUtf8 = request("AB").toByteArray();
        for (int i = 0; i + 1 < notUtf8.length; i++) {
            if (notUtf8[i] == 'A' && notUtf8[i + 1] == 'B') {
                notUtf8[i] = (byte) 0xff;
                notUtf8[i + 1] = (byte) 0xfe;
            }
        }
        assertThat(post(notUtf8, "application/x-protobuf", Function.identity()).statusCode()).isEqualTo(400);
        assertThat(post(request("after").toByteArray(), "application/x-protobuf", Function.identity()).statusCode())
                .isEqualTo(200);
        assertThat(ctx.events()).extracting(LogEvent::message).containsExactly("after");
    }

    private static KeyValue attribute(String key, AnyValue.Builder value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private HttpResponse<byte[]> postForBytes(byte[] body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint())).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> post(byte[] body, String contentType,
                                      Function<HttpRequest.Builder, HttpRequest.Builder> extra) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint())).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(extra.apply(b).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ExportLogsServiceRequest request(String message) {
        ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
        b.addResourceLogsBuilder().addScopeLogsBuilder().addLogRecords(LogRecord.newBuilder()
                .setTimeUnixNano(1_700_000_000_000_000_000L).setBody(AnyValue.newBuilder().setStringValue(message)));
        return b.build();
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
