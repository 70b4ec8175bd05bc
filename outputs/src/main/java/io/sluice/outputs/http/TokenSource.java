package io.sluice.outputs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.plugin.RetriableException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A bearer token from a token endpoint, cached until a minute before it expires and fetched again
 * after the receiver answers 401 (a revoked or rotated token), once per failed request. The token
 * request is one of: OAuth2 client credentials (RFC 6749 4.4, e.g. Microsoft Entra), Azure workload
 * identity (the same with a federated token file as client assertion, re-read on every fetch since
 * Kubernetes rotates it), or Azure managed identity (the instance metadata service).
 */
public final class TokenSource implements HttpAuth {
    /** Renew this long before expiry so a request never leaves with a token about to lapse. */
    private static final Duration EARLY = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Builds the token request; called for every fetch. */
    @FunctionalInterface
    interface TokenRequest {
        HttpRequest build() throws IOException;
    }

    private final TokenRequest request;
    private final String description;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    private TokenSource(TokenRequest request, String description, Clock clock) {
        this.request = request;
        this.description = description;
        this.clock = clock;
    }

    public static TokenSource clientCredentials(URI tokenUrl, String clientId, String clientSecret, String scope, Clock clock) {
        return new TokenSource(() -> form(tokenUrl, "client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret)
                + (scope == null ? "" : "&scope=" + enc(scope))), "oauth2 client credentials as '" + clientId + "'", clock);
    }

    /** Azure workload identity: the federated service account token in {@code tokenFile} is the client assertion. */
    public static TokenSource workloadIdentity(URI tokenUrl, String clientId, Path tokenFile, String scope, Clock clock) {
        return new TokenSource(() -> form(tokenUrl, "client_id=" + enc(clientId) + "&scope=" + enc(scope)
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(Files.readString(tokenFile).strip())),
                "workload identity as '" + clientId + "'", clock);
    }

    /** Azure managed identity through the instance metadata service; {@code clientId} picks a user-assigned identity. */
    public static TokenSource managedIdentity(URI imds, String resource, String clientId, Clock clock) {
        URI uri = URI.create(imds + "?api-version=2018-02-01&resource=" + enc(resource)
                + (clientId == null ? "" : "&client_id=" + enc(clientId)));
        return new TokenSource(() -> HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Metadata", "true")
                .GET().build(), "managed identity" + (clientId == null ? "" : " '" + clientId + "'"), clock);
    }

    private static HttpRequest form(URI tokenUrl, String fields) {
        return HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&" + fields)).build();
    }

    @Override
    public synchronized Map<String, String> headers(HttpClient client) throws Exception {
        if (token == null || !clock.instant().isBefore(renewAt)) fetch(client);
        return Map.of("Authorization", "Bearer " + token);
    }

    @Override
    public boolean fetchesTokens() {
        return true;
    }

    @Override
    public synchronized boolean forget() {
        token = null;
        return true;
    }

    private void fetch(HttpClient client) throws Exception {
        HttpRequest tokenRequest = request.build();
        URI where = tokenRequest.uri();
        HttpResponse<String> response;
        try {
            response = client.send(tokenRequest, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RetriableException("token endpoint " + where.getHost() + " not reachable: " + e, e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new RetriableException("token endpoint " + where.getHost() + " answered " + status);
        }
        if (status != 200) {
            // 400 invalid_client / unauthorized_client: the secret, id or scope is wrong
            throw new HttpPermanentException("token endpoint " + where.getHost() + " refused " + description + " ("
                    + status + "): " + Bodies.excerpt(response.body()) + "; check the output's credentials");
        }
        JsonNode body = JSON.readTree(response.body());
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null) {
            throw new HttpPermanentException("token endpoint " + where.getHost() + " answered without access_token");
        }
        token = accessToken;
        renewAt = clock.instant().plusSeconds(body.path("expires_in").asLong(300)).minus(EARLY);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return description;
    }
}
