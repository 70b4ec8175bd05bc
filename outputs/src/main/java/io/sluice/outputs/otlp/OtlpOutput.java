package io.sluice.outputs.otlp;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.Options;
import io.sluice.api.otel.EventToOtlp;
import io.sluice.api.otel.OtlpJson;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Sends each batch as one OTLP/HTTP export request on the JDK HttpClient. Retries exactly what the
 * OTLP specification says is retryable (429, 502, 503, 504, and failures to connect) by throwing
 * {@link RetriableException}, so the pipeline's backoff and circuit breaker apply; any other
 * refusal is final and the batch is dead-lettered with the backend's reason. Records the backend
 * rejected in a partial success are counted ({@code sluice_otlp_rejected_records_total}) and logged:
 * OTLP does not say which records they were.
 */
final class OtlpOutput implements Output {
    private static final Logger LOG = LoggerFactory.getLogger(OtlpOutput.class);
    /** The OTLP/HTTP statuses a client retries (OTLP specification, "Retryable Response Codes"). */
    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);

    private final String id;
    private final URI endpoint;
    private final boolean json;
    private final boolean gzip;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final EventToOtlp mapper = new EventToOtlp();
    private HttpClient client;
    private Counter rejected;

    OtlpOutput(String id, Options options) {
        this.id = id;
        this.endpoint = URI.create(options.get(OtlpOutputPlugin.ENDPOINT));
        this.json = OtlpOutputPlugin.isJson(options);
        this.gzip = options.get(OtlpOutputPlugin.COMPRESSION).equals("gzip");
        this.timeout = options.get(OtlpOutputPlugin.TIMEOUT);
        this.headers = options.get(OtlpOutputPlugin.HEADERS);
    }

    @Override
    public void start(OutputContext context) {
        client = HttpClient.newBuilder().connectTimeout(timeout).build();
        rejected = context.meters().counter("sluice.otlp.rejected.records", "output", id);
    }

    @Override
    public SendResult send(SinkBatch batch) throws Exception {
        List<LogEvent> events = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) events.add(batch.event(i));
        ExportLogsServiceRequest request = mapper.map(events);
        HttpResponse<byte[]> response;
        try {
            response = client.send(httpRequest(request), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException ex) {
            throw new RetriableException(id + ": cannot reach " + endpoint + ": " + ex, ex);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            countPartialSuccess(response.body());
            return SendResult.delivered();
        }
        String reason = "HTTP " + status + " " + new String(response.body(), StandardCharsets.UTF_8).strip();
        if (RETRYABLE.contains(status)) throw new RetriableException(id + ": " + reason);
        SendResult refused = SendResult.builder();
        for (int i = 0; i < batch.size(); i++) refused.refuse(i, "otlp_refused", reason);
        return refused;
    }

    private HttpRequest httpRequest(ExportLogsServiceRequest request) throws IOException {
        byte[] body = json ? OtlpJson.print(request) : request.toByteArray();
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", json ? "application/json" : "application/x-protobuf");
        headers.forEach(b::header);
        if (gzip) {
            body = gzip(body);
            b.header("Content-Encoding", "gzip");
        }
        return b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private void countPartialSuccess(byte[] body) {
        if (body.length == 0) return;
        try {
            ExportLogsServiceResponse r = json ? OtlpJson.parseResponse(body) : ExportLogsServiceResponse.parseFrom(body);
            long n = r.getPartialSuccess().getRejectedLogRecords();
            if (n > 0) {
                rejected.increment(n);
                LOG.warn("{}: the backend rejected {} records: {}", id, n, r.getPartialSuccess().getErrorMessage());
            }
        } catch (IOException ex) {
            LOG.debug("{}: unreadable export response ignored: {}", id, ex.toString());
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        client = null; // Java 17's HttpClient has no close; its threads end once it is unreachable
    }
}
