package io.sluice.outputs.elasticsearch;

import io.sluice.api.option.Option;
import io.sluice.api.option.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code auth} block as one {@code Authorization} header. A secret is given inline (from the
 * environment through config substitution) or as a file, read on start so a rotated secret is
 * picked up on restart. {@link #toString} names the method and user only: the secret is never
 * logged or put in an error message.
 */
final class Auth {
    private final String method;
    private final String user;
    private final String scheme;
    private final String secret;
    private final Path secretFile;

    private Auth(String method, String user, String scheme, String secret, Path secretFile) {
        this.method = method;
        this.user = user;
        this.scheme = scheme;
        this.secret = secret;
        this.secretFile = secretFile;
    }

    static final Auth NONE = new Auth("none", null, null, null, null);

    /** The configured method, or a problem list when the block mixes or half-fills methods. */
    static Auth from(Options auth, List<String> problems) {
        String user = auth.get(ElasticsearchOptions.USERNAME);
        List<Auth> methods = new ArrayList<>();
        Auth basic = secret(auth, "basic", user, "Basic",
                ElasticsearchOptions.PASSWORD, ElasticsearchOptions.PASSWORD_FILE, problems);
        if (basic != null || user != null) methods.add(basic);
        Auth apiKey = secret(auth, "api_key", null, "ApiKey",
                ElasticsearchOptions.API_KEY, ElasticsearchOptions.API_KEY_FILE, problems);
        if (apiKey != null) methods.add(apiKey);
        Auth bearer = secret(auth, "bearer_token", null, "Bearer",
                ElasticsearchOptions.BEARER_TOKEN, ElasticsearchOptions.BEARER_TOKEN_FILE, problems);
        if (bearer != null) methods.add(bearer);
        if (methods.size() > 1) {
            problems.add("auth: choose one of username/password, api_key, bearer_token");
            return NONE;
        }
        if (basic != null && user == null) problems.add("auth: username and password go together; username is missing");
        if (basic == null && user != null) problems.add("auth: username and password go together; password is missing");
        return methods.isEmpty() || methods.get(0) == null ? NONE : methods.get(0);
    }

    private static Auth secret(Options auth, String method, String user, String scheme, Option<String> inline,
                               Option<String> file, List<String> problems) {
        String value = auth.get(inline);
        String path = auth.get(file);
        if (value != null && path != null) {
            problems.add("auth: " + inline.name() + " and " + file.name() + " exclude each other");
            return null;
        }
        if (value == null && path == null) return null;
        return new Auth(method, user, scheme, value, path == null ? null : Path.of(path));
    }

    /** The header value, or null without authentication; reads the secret file when there is one. */
    String header() throws IOException {
        if (scheme == null) return null;
        String s = secret;
        if (secretFile != null) {
            try {
                s = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IOException("cannot read the " + method + " secret file " + secretFile + ": " + e.getMessage());
            }
        }
        if (user != null) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + s).getBytes(StandardCharsets.UTF_8));
        }
        return scheme + " " + s.strip();
    }

    @Override
    public String toString() {
        return user != null ? method + " as '" + user + "'" : method;
    }
}
