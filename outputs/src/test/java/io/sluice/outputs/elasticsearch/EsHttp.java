package io.sluice.outputs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a user would check with curl, for assertions: counts, documents, mappings. */
final class EsHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String url;
    private final HttpClient http;
    private final String authorization;

    EsHttp(EsNode node) {
        this.url = node.url();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.authorization = null;
    }

    /** For a node with security on: trusts its CA and sends the given {@code Authorization} header. */
    EsHttp(EsNode node, javax.net.ssl.SSLContext trust, String authorization) {
        this.url = node.url();
        this.http = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
        this.authorization = authorization;
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    JsonNode get(String path) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    JsonNode post(String path, String body) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    JsonNode delete(String path) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(url + path)).DELETE());
    }

    long count(String target) throws Exception {
        post("/" + target + "/_refresh", "");
        return get("/" + target + "/_count").get("count").asLong();
    }

    private JsonNode call(HttpRequest.Builder request) throws Exception {
        if (authorization != null) request.header("Authorization", authorization);
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new AssertionError(r.statusCode() + " from " + r.uri() + ": " + r.body());
        return JSON.readTree(r.body());
    }
}
