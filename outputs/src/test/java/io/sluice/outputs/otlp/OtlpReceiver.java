package io.sluice.outputs.otlp;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.sluice.api.otel.OtlpJson;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP logs receiver for the output's tests, on the JDK's HTTP server and the official
 * generated classes: decodes every request (gzip, protobuf or JSON by Content-Type) and answers with
 * scripted statuses (200 once the script is used up) and an optional partial success.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One request as received. */
    record Received(ExportLogsServiceRequest request, Map<String, List<String>> headers, byte[] rawBody) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile long rejectRecords;

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/logs", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            byte[] plain = "gzip".equals(headers.getFirst("Content-Encoding")) ? gunzip(body) : body;
            boolean json = headers.getFirst("Content-Type").startsWith("application/json");
            received.add(new Received(json ? OtlpJson.parse(plain) : ExportLogsServiceRequest.parseFrom(plain),
                    Map.copyOf(headers), plain));
            Integer status = statuses.poll();
            ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
            if (rejectRecords > 0) {
                response.getPartialSuccessBuilder().setRejectedLogRecords(rejectRecords).setErrorMessage("too old");
            }
            byte[] out = status == null ? (json ? OtlpJson.print(response) : response.build().toByteArray())
                    : ("scripted " + status).getBytes();
            exchange.getResponseHeaders().set("Content-Type", headers.getFirst("Content-Type"));
            exchange.sendResponseHeaders(status == null ? 200 : status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** The next requests are answered with these statuses, in order. */
    void script(Integer... next) {
        statuses.addAll(List.of(next));
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs";
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
