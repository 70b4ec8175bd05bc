package io.sluice.outputs.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Adds credentials to a request: as HTTP headers, or as gRPC metadata (the OTLP/gRPC transport
 * sends the same headers). {@link #toString} names the method only: secrets are never logged or put
 * into an error message.
 */
public interface HttpAuth {
    /** The credential headers for the next request; a token source may fetch or renew its token here with {@code client}. */
    Map<String, String> headers(HttpClient client) throws Exception;

    /** Sets the credential headers on an HTTP request. */
    default void authorize(HttpRequest.Builder request, HttpClient client) throws Exception {
        headers(client).forEach(request::setHeader);
    }

    /** True when {@link #headers} needs an HTTP client (it fetches tokens); fixed headers do not. */
    default boolean fetchesTokens() {
        return false;
    }

    /** Called after a 401: drops cached credentials. True when a second attempt may pass (a new token). */
    default boolean forget() {
        return false;
    }

    HttpAuth NONE = new HttpAuth() {
        @Override public Map<String, String> headers(HttpClient client) { return Map.of(); }
        @Override public String toString() { return "none"; }
    };

    static HttpAuth basic(String user, String password) {
        String pair = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Header("Authorization", "Basic " + pair, "basic as '" + user + "'");
    }

    static HttpAuth bearer(String token) {
        return new Header("Authorization", "Bearer " + token.strip(), "bearer token");
    }

    /** A key in a header of the receiver's choosing ({@code X-API-Key}, or {@code Authorization} with a scheme). */
    static HttpAuth apiKey(String header, String value) {
        return new Header(header, value.strip(), "API key in " + header);
    }

    /** A fixed header. */
    record Header(String name, String value, String description) implements HttpAuth {
        @Override
        public Map<String, String> headers(HttpClient client) {
            return Map.of(name, value);
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
