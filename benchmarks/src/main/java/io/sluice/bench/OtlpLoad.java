package io.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * S6's sender: S1's records as OpenTelemetry log records (body, time, severity, trace id, the rest
 * as attributes, service.name on the resource), encoded before the clock starts into OTLP/HTTP
 * protobuf requests of {@link #RECORDS_PER_REQUEST} records, then posted to the otlp input over a few
 * keep-alive connections, as an SDK's batch exporter would. A 429 (the input's backpressure) is
 * resent after a short pause; anything else but 200 fails the run.
 */
final class OtlpLoad {
    static final int RECORDS_PER_REQUEST = 512;
    private static final int CONNECTIONS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OtlpLoad() {
    }

    /** Reads S1's JSON lines and encodes them as export requests. */
    static List<byte[]> encode(Path s1Lines) throws IOException {
        List<byte[]> requests = new ArrayList<>();
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        try (BufferedReader in = Files.newBufferedReader(s1Lines)) {
            for (String line; (line = in.readLine()) != null; ) {
                scope.addLogRecords(record(JSON.readTree(line)));
                if (scope.getLogRecordsCount() == RECORDS_PER_REQUEST) {
                    requests.add(request(scope));
                    scope = ScopeLogs.newBuilder();
                }
            }
        }
        if (scope.getLogRecordsCount() > 0) requests.add(request(scope));
        return requests;
    }

    private static LogRecord record(JsonNode j) {
        Instant t = Instant.parse(j.get("ts").asText());
        String level = j.get("level").asText();
        return LogRecord.newBuilder()
                .setTimeUnixNano(t.getEpochSecond() * 1_000_000_000L + t.getNano())
                .setSeverityNumberValue(level.equals("error") ? 17 : level.equals("warn") ? 13 : 9)
                .setSeverityText(level)
                .setBody(AnyValue.newBuilder().setStringValue(j.get("msg").asText()))
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(j.get("trace_id").asText())))
                .addAttributes(intAttribute("user_id", j.get("user_id").asLong()))
                .addAttributes(KeyValue.newBuilder().setKey("region")
                        .setValue(AnyValue.newBuilder().setStringValue(j.get("region").asText())))
                .addAttributes(intAttribute("latency_ms", j.get("latency_ms").asLong()))
                .build();
    }

    private static KeyValue intAttribute(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static byte[] request(ScopeLogs.Builder scope) {
        ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
        b.addResourceLogsBuilder().setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                .addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("checkout")))).addScopeLogs(scope);
        return b.build().toByteArray();
    }

    /** Posts every request to {@code http://127.0.0.1:port/v1/logs}, returning once all were answered 200. */
    static void post(int port, List<byte[]> requests) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/logs");
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int first = c;
                done.add(pool.submit(() -> {
                    for (int i = first; i < requests.size(); i += CONNECTIONS) send(client, uri, requests.get(i));
                    return null;
                }));
            }
            for (Future<Void> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void send(HttpClient client, URI uri, byte[] body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        while (true) {
            int status = client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) return;
            if (status != 429) throw new IOException("the otlp input answered " + status);
            Thread.sleep(5);
        }
    }
}
