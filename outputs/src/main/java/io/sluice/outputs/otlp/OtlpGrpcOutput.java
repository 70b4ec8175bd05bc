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
import io.sluice.api.option.Options;
import io.sluice.api.otel.EventToOtlp;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.PermanentOutputException;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.outputs.http.Compression;
import io.sluice.outputs.http.HttpCoreSettings;
import io.sluice.outputs.http.HttpPermanentException;
import io.sluice.outputs.http.RequestCuts;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Sends a batch as OTLP/gRPC {@code LogsService/Export} calls on grpc-java (its shaded Netty, so no
 * second Netty is on the class path): cut before sending so no export request exceeds
 * {@code max_request_bytes} (a record larger alone is dead-lettered), with the HTTP core's
 * {@code headers} and {@code auth} as metadata and its {@code tls} block ({@link GrpcTls}).
 *
 * <p>What is retried is exactly the OTLP specification's list of retryable gRPC codes, waiting at
 * least a {@code google.rpc.RetryInfo}'s delay when the receiver sends one; {@code RESOURCE_EXHAUSTED}
 * is retried only with a RetryInfo. Codes that say the operator must act (UNAUTHENTICATED,
 * PERMISSION_DENIED, UNIMPLEMENTED) and a failed TLS handshake open the circuit and keep the events;
 * any other refusal dead-letters the request's records with the receiver's reason. A partial
 * success is judged by {@link PartialSuccess}, as for OTLP/HTTP.
 */
final class OtlpGrpcOutput implements Output {
    /** OTLP specification, "OTLP/gRPC Response": the codes a client retries. */
    static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.CANCELLED, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.ABORTED, Status.Code.OUT_OF_RANGE, Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);
    private static final Set<Status.Code> OPERATOR_MUST_ACT = EnumSet.of(Status.Code.UNAUTHENTICATED,
            Status.Code.PERMISSION_DENIED, Status.Code.UNIMPLEMENTED);

    /** What one export call came to when it was not retried: the request's records are dead-lettered with this, or delivered (null). */
    private record Refusal(String type, String reason) {}

    private final String id;
    private final URI endpoint;
    private final HttpCoreSettings core;
    private final Map<String, String> headers;
    private final EventToOtlp mapper = new EventToOtlp();
    private final PartialSuccess partial;
    private ManagedChannel channel;
    private LogsServiceGrpc.LogsServiceBlockingStub stub;
    private HttpClient tokenClient;

    OtlpGrpcOutput(String id, Options options) {
        this.id = id;
        this.endpoint = URI.create(options.get(OtlpOutputPlugin.ENDPOINT));
        this.core = HttpCoreSettings.from(options, OtlpOutputPlugin.MAX_REQUEST_BYTES);
        this.headers = options.get(OtlpOutputPlugin.HEADERS);
        this.partial = new PartialSuccess(id);
    }

    @Override
    public void start(OutputContext context) throws Exception {
        boolean tls = endpoint.getScheme().equals("https");
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : tls ? 443 : 80;
        NettyChannelBuilder b = NettyChannelBuilder.forAddress(endpoint.getHost(), port);
        // the authority is the name TLS sends (SNI) and checks the certificate against
        if (core.tls().serverName() != null) b.overrideAuthority(core.tls().serverName() + ":" + port);
        channel = (tls ? GrpcTls.configure(b, core.tls()) : b.usePlaintext()).build();
        LogsServiceGrpc.LogsServiceBlockingStub s = LogsServiceGrpc.newBlockingStub(channel);
        stub = core.compression() == Compression.GZIP ? s.withCompression("gzip") : s;
        if (core.auth().fetchesTokens()) tokenClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        partial.start(context.meters());
    }

    @Override
    public SendResult send(SinkBatch batch) throws Exception {
        SendResult result = SendResult.builder();
        // each event mapped once: sized for the cuts, then grouped into the requests
        EventToOtlp.Mapped[] mapped = new EventToOtlp.Mapped[batch.size()];
        for (int i = 0; i < mapped.length; i++) mapped[i] = mapper.mapOne(batch.event(i));
        List<int[]> requests = RequestCuts.cut(IntStream.range(0, batch.size()).toArray(), 0, core.maxRequestBytes(),
                i -> mapped[i].aloneSize(),
                (i, reason) -> result.refuse(i, "otlp_too_large", reason));
        boolean anySent = false;
        for (int r = 0; r < requests.size(); r++) {
            int[] events = requests.get(r);
            Refusal refusal;
            try {
                refusal = export(mapped, events);
            } catch (RetriableException e) {
                if (!anySent) throw e;
                // a later request must not pass while an earlier one waits: it and the rest are retried, in order
                for (int k = r; k < requests.size(); k++) for (int i : requests.get(k)) result.retry(i);
                return result;
            }
            anySent = true;
            if (refusal != null) for (int i : events) result.refuse(i, refusal.type(), refusal.reason());
        }
        return result.allDelivered() ? SendResult.delivered() : result;
    }

    /** One export call for these events of the batch; credentials renewed and the call made once more after UNAUTHENTICATED. */
    private Refusal export(EventToOtlp.Mapped[] mapped, int[] events) throws Exception {
        List<EventToOtlp.Mapped> list = new ArrayList<>(events.length);
        for (int i : events) {
            list.add(mapped[i]);
            mapped[i] = null; // the request holds them now; sent requests' parts become garbage early
        }
        ExportLogsServiceRequest request = mapper.request(list);
        try {
            return answered(call(request), events.length);
        } catch (StatusRuntimeException ex) {
            if (ex.getStatus().getCode() != Status.Code.UNAUTHENTICATED || !core.auth().forget()) return refused(ex);
        }
        try {
            return answered(call(request), events.length);
        } catch (StatusRuntimeException ex) {
            return refused(ex);
        }
    }

    private ExportLogsServiceResponse call(ExportLogsServiceRequest request) throws Exception {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata()))
                .withDeadlineAfter(core.requestTimeout().toMillis(), TimeUnit.MILLISECONDS).export(request);
    }

    /** {@code headers}, then the credentials of {@code auth} (fetched or renewed when they are a token). */
    private Metadata metadata() throws Exception {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(core.auth().headers(tokenClient));
        Metadata metadata = new Metadata();
        all.forEach((k, v) -> metadata.put(Metadata.Key.of(k.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER), v));
        return metadata;
    }

    private Refusal answered(ExportLogsServiceResponse response, int records) {
        String rejected = partial.deadLetterReason(response, records);
        return rejected == null ? null : new Refusal("otlp_rejected", rejected);
    }

    private Refusal refused(StatusRuntimeException ex) throws Exception {
        Status status = ex.getStatus();
        SSLException tls = sslCause(ex);
        if (tls != null) throw HttpPermanentException.tlsFailed(endpoint.getHost(), tls, ex);
        String reason = "gRPC " + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        Duration retryDelay = retryDelay(ex);
        if (RETRYABLE.contains(status.getCode())
                || (status.getCode() == Status.Code.RESOURCE_EXHAUSTED && retryDelay != null)) {
            throw new RetriableException(id + ": " + endpoint + " answered " + reason, ex,
                    retryDelay == null ? Duration.ZERO : retryDelay);
        }
        if (OPERATOR_MUST_ACT.contains(status.getCode())) {
            throw new PermanentOutputException(id + ": " + endpoint + " answered " + reason
                    + " (check the endpoint and the credentials in auth or headers; auth: " + core.auth() + ")", ex);
        }
        return new Refusal("otlp_refused", reason);
    }

    /** The TLS failure under a call's failure (gRPC reports a failed handshake as UNAVAILABLE), or null. */
    private static SSLException sslCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException ssl) return ssl;
        }
        return null;
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
