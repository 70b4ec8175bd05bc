package io.sluice.outputs.otlp;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;

import io.sluice.core.testkit.TlsFiles;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/gRPC logs receiver for the output's tests: grpc-java's server with the service definition
 * generated from opentelemetry-proto ({@link LogsServiceGrpc}). Answers with scripted statuses, each
 * optionally with a {@code google.rpc.RetryInfo}, then OK, with an optional partial success; keeps
 * every request and its headers.
 */
final class OtlpGrpcReceiver implements AutoCloseable {
    /** One request as received; {@code clientCert} is the subject of the client's TLS certificate, or null. */
    record Received(ExportLogsServiceRequest request, Metadata headers, String clientCert) {}

    /** A scripted answer: the code, and the RetryInfo delay in seconds (negative: none). */
    record Answer(Status.Code code, long retryDelaySeconds) {}

    private static final io.grpc.Context.Key<Metadata> HEADERS = io.grpc.Context.key("headers");
    private static final io.grpc.Context.Key<String> CLIENT_CERT = io.grpc.Context.key("client-cert");
    private final Server server;
    private final boolean tls;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile long rejectRecords;

    OtlpGrpcReceiver() throws IOException {
        this(4 << 20, null);
    }

    /**
     * A receiver that refuses messages over {@code maxInboundBytes} (gRPC answers RESOURCE_EXHAUSTED), over TLS
     * when {@code tls} is given.
     */
    OtlpGrpcReceiver(int maxInboundBytes, SslContext tls) throws IOException {
        this.tls = tls != null;
        LogsServiceGrpc.LogsServiceImplBase service = new LogsServiceGrpc.LogsServiceImplBase() {
            @Override
            public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> reply) {
                received.add(new Received(request, HEADERS.get(), CLIENT_CERT.get()));
                Answer a = answers.poll();
                if (a != null) {
                    com.google.rpc.Status.Builder s = com.google.rpc.Status.newBuilder()
                            .setCode(a.code().value()).setMessage("scripted " + a.code());
                    if (a.retryDelaySeconds() >= 0) s.addDetails(Any.pack(RetryInfo.newBuilder()
                            .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(a.retryDelaySeconds()))
                            .build()));
                    reply.onError(StatusProto.toStatusRuntimeException(s.build()));
                    return;
                }
                ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
                if (rejectRecords > 0) {
                    response.getPartialSuccessBuilder().setRejectedLogRecords(rejectRecords).setErrorMessage("too old");
                }
                reply.onNext(response.build());
                reply.onCompleted();
            }
        };
        ServerInterceptor keepHeaders = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                return io.grpc.Contexts.interceptCall(io.grpc.Context.current().withValue(HEADERS, headers)
                        .withValue(CLIENT_CERT, clientCert(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION))),
                        call, headers, next);
            }
        };
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(maxInboundBytes);
        if (tls != null) b.sslContext(tls);
        server = b.addService(ServerInterceptors.intercept(service, keepHeaders)).build().start();
    }

    /** A TLS context for the receiver from the test's certificates, requiring a client certificate signed by its CA. */
    static SslContext requiringClientCerts(TlsFiles files) throws IOException {
        return GrpcSslContexts.forServer(files.serverCert.toFile(), files.serverKey.toFile())
                .trustManager(files.ca.toFile()).clientAuth(ClientAuth.REQUIRE).build();
    }

    private static String clientCert(SSLSession session) {
        try {
            return session == null ? null : ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    /** The next calls are answered with these codes, in order (no RetryInfo). */
    void script(Status.Code... codes) {
        for (Status.Code c : codes) answers.add(new Answer(c, -1));
    }

    /** The next call is answered with this code and a RetryInfo of the given delay. */
    void scriptWithRetryInfo(Status.Code code, long delaySeconds) {
        answers.add(new Answer(code, delaySeconds));
    }

    String endpoint() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
