package io.sluice.outputs.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Adds credentials to a request. {@link #toString} names the method only: secrets are never logged
 * or put into an error message.
 */
public interface HttpAuth {
    /** Sets the credential header; a token source may fetch or renew its token here. */
    void authorize(HttpRequest.Builder request, HttpClient client) throws Exception;

    /** Called after a 401: drops cached credentials. True when a second attempt may pass (a new token). */
    default boolean forget() {
        return false;
    }

    HttpAuth NONE = new HttpAuth() {
        @Override public void authorize(HttpRequest.Builder request, HttpClient client) {}
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
        public void authorize(HttpRequest.Builder request, HttpClient client) {
            request.setHeader(name, value);
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
