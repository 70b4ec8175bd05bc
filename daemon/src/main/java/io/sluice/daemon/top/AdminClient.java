package io.sluice.daemon.top;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a running Sluice's admin endpoint: {@code /metrics} and {@code /health}, with the bearer token when one is set. */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final String token;

    /** @param token the admin bearer token, or null */
    public AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public MetricsSample metrics() throws IOException, InterruptedException {
        String body = get("/metrics");
        return MetricsSample.parse(body, System.nanoTime());
    }

    /** Component → Healthy, Degraded or Unhealthy. */
    public Map<String, String> health() throws IOException, InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode entries = JSON.readTree(get("/health")).path("entries");
        entries.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("status").asText()));
        return out;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5));
        if (token != null) req.header("Authorization", "Bearer " + token);
        HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() == 401) throw new IOException(path + ": 401, give the admin token with --token-file");
        return res.body(); // /health answers 503 with a full report when something is Unhealthy
    }
}
