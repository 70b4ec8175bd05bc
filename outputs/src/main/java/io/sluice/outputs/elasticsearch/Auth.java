package io.sluice.outputs.elasticsearch;

import io.sluice.core.option.Options;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code auth} block as one {@code Authorization} header. {@link #toString} names the method
 * and user only: the secret is never logged or put in an error message.
 */
final class Auth {
    private final String method;
    private final String user;
    private final String header;

    private Auth(String method, String user, String header) {
        this.method = method;
        this.user = user;
        this.header = header;
    }

    static final Auth NONE = new Auth("none", null, null);

    /** The configured method, or a problem list when the block mixes or half-fills methods. */
    static Auth from(Options auth, List<String> problems) {
        String user = auth.get(ElasticsearchOptions.USERNAME);
        String password = auth.get(ElasticsearchOptions.PASSWORD);
        String apiKey = auth.get(ElasticsearchOptions.API_KEY);
        String bearer = auth.get(ElasticsearchOptions.BEARER_TOKEN);
        List<String> methods = new ArrayList<>();
        if (user != null || password != null) methods.add("username/password");
        if (apiKey != null) methods.add("api_key");
        if (bearer != null) methods.add("bearer_token");
        if (methods.size() > 1) {
            problems.add("auth: choose one of username/password, api_key, bearer_token; found " + String.join(" and ", methods));
            return NONE;
        }
        if (user != null || password != null) {
            if (user == null || password == null) {
                problems.add("auth: username and password go together; " + (user == null ? "username" : "password") + " is missing");
                return NONE;
            }
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return new Auth("basic", user, "Basic " + token);
        }
        if (apiKey != null) return new Auth("api_key", null, "ApiKey " + apiKey.trim());
        if (bearer != null) return new Auth("bearer_token", null, "Bearer " + bearer.trim());
        return NONE;
    }

    /** The header value, or null without authentication. */
    String header() {
        return header;
    }

    @Override
    public String toString() {
        return user != null ? method + " as '" + user + "'" : method;
    }
}
