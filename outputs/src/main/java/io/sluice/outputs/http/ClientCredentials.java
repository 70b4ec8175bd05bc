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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * OAuth2 client credentials (RFC 6749 4.4), e.g. Microsoft Entra: a token is fetched from the token
 * endpoint, cached until shortly before it expires, and fetched again after the receiver answers 401
 * (a revoked or rotated token), once per failed request.
 */
final class ClientCredentials implements HttpAuth {
    /** Renew this long before expiry so a request never leaves with a token about to lapse. */
    private static final Duration EARLY = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    ClientCredentials(URI tokenUrl, String clientId, String clientSecret, String scope, Clock clock) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.clock = clock;
    }

    @Override
    public synchronized void authorize(HttpRequest.Builder request, HttpClient client) throws Exception {
        if (token == null || !clock.instant().isBefore(renewAt)) fetch(client);
        request.setHeader("Authorization", "Bearer " + token);
    }

    @Override
    public synchronized boolean forget() {
        token = null;
        return true;
    }

    private void fetch(HttpClient client) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret)
                + (scope == null ? "" : "&scope=" + enc(scope));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RetriableException("token endpoint " + tokenUrl + " not reachable: " + e, e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new RetriableException("token endpoint " + tokenUrl + " answered " + status);
        }
        if (status != 200) {
            // 400 invalid_client / unauthorized_client: the secret, id or scope is wrong
            throw new HttpPermanentException("token endpoint " + tokenUrl + " refused client " + clientId + " ("
                    + status + "): " + Bodies.excerpt(response.body()) + "; check auth.oauth2");
        }
        JsonNode body = JSON.readTree(response.body());
        String accessToken = body.path("access_token").asText(null);
        if (accessToken == null) {
            throw new HttpPermanentException("token endpoint " + tokenUrl + " answered without access_token");
        }
        long expiresIn = body.path("expires_in").asLong(300);
        token = accessToken;
        renewAt = clock.instant().plusSeconds(expiresIn).minus(EARLY);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "oauth2 client credentials as '" + clientId + "'";
    }
}
