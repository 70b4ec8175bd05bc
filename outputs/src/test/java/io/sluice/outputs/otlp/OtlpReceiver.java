package io.sluice.outputs.otlp;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.sluice.api.otel.OtlpJson;
import io.sluice.outputs.http.Receiver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP logs receiver for the output's tests, on the JDK's HTTP server and the official
 * generated classes: decodes every request (gzip or zstd, protobuf or JSON by Content-Type) and
 * answers with scripted statuses (200 once the script is used up, with an optional partial success).
 */
public final class OtlpReceiver implements AutoCloseable {
    /** One request as received. */
    public record Received(ExportLogsServiceRequest request, Map<String, List<String>> headers, byte[] rawBody) {}

    /** A scripted answer: a status and, when not null, a {@code Retry-After} value. */
    record Answer(int status, String retryAfter) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    public final List<Received> received = new CopyOnWriteArrayList<>();
    volatile long rejectRecords;

    OtlpReceiver() throws IOException {
        this(0);
    }

    /** On a given port (0: any free one), so a test can take a receiver down and bring it back where it was. */
    public OtlpReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v1/logs", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            byte[] plain = Receiver.decode(headers.getFirst("Content-Encoding"), body);
            boolean json = headers.getFirst("Content-Type").startsWith("application/json");
            received.add(new Received(json ? OtlpJson.parse(plain) : ExportLogsServiceRequest.parseFrom(plain),
                    Map.copyOf(headers), plain));
            Answer answer = answers.poll();
            ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
            if (rejectRecords > 0) {
                response.getPartialSuccessBuilder().setRejectedLogRecords(rejectRecords).setErrorMessage("too old");
            }
            byte[] out = answer == null ? (json ? OtlpJson.print(response) : response.build().toByteArray())
                    : ("scripted " + answer.status()).getBytes();
            exchange.getResponseHeaders().set("Content-Type", answer == null ? headers.getFirst("Content-Type") : "text/plain");
            if (answer != null && answer.retryAfter() != null) exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
            exchange.sendResponseHeaders(answer == null ? 200 : answer.status(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** The next requests are answered with these statuses, in order. */
    void script(Integer... next) {
        for (int status : next) answers.add(new Answer(status, null));
    }

    /** The next request is answered with this status and {@code Retry-After}. */
    void scriptRetryAfter(int status, String retryAfter) {
        answers.add(new Answer(status, retryAfter));
    }

    int port() {
        return server.getAddress().getPort();
    }

    String endpoint() {
        return "http://127.0.0.1:" + port() + "/v1/logs";
    }

    /** Every log record received, in order of arrival. */
    List<io.opentelemetry.proto.logs.v1.LogRecord> records() {
        return received.stream().flatMap(r -> r.request().getResourceLogsList().stream())
                .flatMap(rl -> rl.getScopeLogsList().stream()).flatMap(sl -> sl.getLogRecordsList().stream()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
