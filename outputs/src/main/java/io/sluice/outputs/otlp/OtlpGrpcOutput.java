package io.sluice.outputs.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.Options;
import io.sluice.api.otel.EventToOtlp;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.PermanentOutputException;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.outputs.http.HttpCoreOptions;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Sends each batch as one OTLP/gRPC {@code LogsService/Export} call on grpc-java (its shaded Netty,
 * so no second Netty is on the class path). What is retried is exactly the OTLP specification's
 * list of retryable gRPC codes, waiting at least a {@code google.rpc.RetryInfo}'s delay when the
 * receiver sends one; {@code RESOURCE_EXHAUSTED} is retried only with a RetryInfo. Codes that say
 * the operator must act (UNAUTHENTICATED, PERMISSION_DENIED, UNIMPLEMENTED) open the circuit and
 * keep the events; any other refusal dead-letters the batch with the receiver's reason. A partial
 * success is counted; see {@link PartialSuccess} for what is dead-lettered.
 */
final class OtlpGrpcOutput implements Output {
    /** OTLP specification, "OTLP/gRPC Response": the codes a client retries. */
    static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.CANCELLED, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.ABORTED, Status.Code.OUT_OF_RANGE, Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);
    private static final Set<Status.Code> OPERATOR_MUST_ACT = EnumSet.of(Status.Code.UNAUTHENTICATED,
            Status.Code.PERMISSION_DENIED, Status.Code.UNIMPLEMENTED);

    private final String id;
    private final URI endpoint;
    private final boolean gzip;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final EventToOtlp mapper = new EventToOtlp();
    private ManagedChannel channel;
    private LogsServiceGrpc.LogsServiceBlockingStub stub;
    private final PartialSuccess partial;

    OtlpGrpcOutput(String id, Options options) {
        this.id = id;
        this.endpoint = URI.create(options.get(OtlpOutputPlugin.ENDPOINT));
        this.gzip = options.get(HttpCoreOptions.COMPRESSION_WITH_ZSTD).equals("gzip");
        this.timeout = options.get(HttpCoreOptions.REQUEST_TIMEOUT);
        this.headers = options.get(OtlpOutputPlugin.HEADERS);
        this.partial = new PartialSuccess(id);
    }

    @Override
    public void start(OutputContext context) {
        boolean tls = endpoint.getScheme().equals("https");
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : tls ? 443 : 80;
        NettyChannelBuilder b = NettyChannelBuilder.forAddress(endpoint.getHost(), port);
        channel = (tls ? b.useTransportSecurity() : b.usePlaintext()).build();
        Metadata metadata = new Metadata();
        headers.forEach((k, v) -> metadata.put(Metadata.Key.of(k.toLowerCase(java.util.Locale.ROOT),
                Metadata.ASCII_STRING_MARSHALLER), v));
        LogsServiceGrpc.LogsServiceBlockingStub s = LogsServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
        stub = gzip ? s.withCompression("gzip") : s;
        partial.start(context.meters());
    }

    @Override
    public SendResult send(SinkBatch batch) throws Exception {
        List<LogEvent> events = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) events.add(batch.event(i));
        ExportLogsServiceRequest request = mapper.map(events);
        ExportLogsServiceResponse response;
        try {
            response = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).export(request);
        } catch (StatusRuntimeException ex) {
            return refused(batch, ex);
        }
        return partial.result(response, batch.size());
    }

    private SendResult refused(SinkBatch batch, StatusRuntimeException ex) throws Exception {
        Status status = ex.getStatus();
        String reason = "gRPC " + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        Duration retryDelay = retryDelay(ex);
        if (RETRYABLE.contains(status.getCode())
                || (status.getCode() == Status.Code.RESOURCE_EXHAUSTED && retryDelay != null)) {
            throw new RetriableException(id + ": " + endpoint + " answered " + reason, ex,
                    retryDelay == null ? Duration.ZERO : retryDelay);
        }
        if (OPERATOR_MUST_ACT.contains(status.getCode())) {
            throw new PermanentOutputException(id + ": " + endpoint + " answered " + reason
                    + " (check the endpoint and the credentials in headers)", ex);
        }
        SendResult refused = SendResult.builder();
        for (int i = 0; i < batch.size(); i++) refused.refuse(i, "otlp_refused", reason);
        return refused;
    }

    /** The delay of a {@code google.rpc.RetryInfo} in the status details, or null when there is none. */
    private static Duration retryDelay(StatusRuntimeException ex) {
        com.google.rpc.Status details = StatusProto.fromThrowable(ex);
        if (details == null) return null;
        for (com.google.protobuf.Any any : details.getDetailsList()) {
            if (!any.is(RetryInfo.class)) continue;
            try {
                com.google.protobuf.Duration d = any.unpack(RetryInfo.class).getRetryDelay();
                return Duration.ofSeconds(d.getSeconds(), d.getNanos());
            } catch (InvalidProtocolBufferException garbled) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        if (channel == null) return;
        channel.shutdown();
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) channel.shutdownNow();
    }
}
