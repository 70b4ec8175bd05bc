package io.sluice.outputs.elasticsearch;

import io.sluice.api.option.Option;
import io.sluice.api.option.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

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

    /** The configured method, from a block bound by {@link ElasticsearchOptions#AUTH}, whose rules leave at most one. */
    static Auth from(Options auth) {
        String user = auth.get(ElasticsearchOptions.USERNAME);
        if (user != null) return secret(auth, "basic", user, "Basic", ElasticsearchOptions.PASSWORD, ElasticsearchOptions.PASSWORD_FILE);
        if (given(auth, ElasticsearchOptions.API_KEY, ElasticsearchOptions.API_KEY_FILE)) {
            return secret(auth, "api_key", null, "ApiKey", ElasticsearchOptions.API_KEY, ElasticsearchOptions.API_KEY_FILE);
        }
        if (given(auth, ElasticsearchOptions.BEARER_TOKEN, ElasticsearchOptions.BEARER_TOKEN_FILE)) {
            return secret(auth, "bearer_token", null, "Bearer", ElasticsearchOptions.BEARER_TOKEN,
                    ElasticsearchOptions.BEARER_TOKEN_FILE);
        }
        return NONE;
    }

    /** How many methods (username/password, API key, bearer token) the block names: one at most is allowed. */
    static int methodsGiven(Options auth) {
        int n = 0;
        if (given(auth, ElasticsearchOptions.USERNAME, ElasticsearchOptions.PASSWORD, ElasticsearchOptions.PASSWORD_FILE)) n++;
        if (given(auth, ElasticsearchOptions.API_KEY, ElasticsearchOptions.API_KEY_FILE)) n++;
        if (given(auth, ElasticsearchOptions.BEARER_TOKEN, ElasticsearchOptions.BEARER_TOKEN_FILE)) n++;
        return n;
    }

    private static boolean given(Options auth, Option<?>... options) {
        for (Option<?> o : options) {
            if (auth.isSet(o)) return true;
        }
        return false;
    }

    private static Auth secret(Options auth, String method, String user, String scheme, Option<String> inline,
                               Option<String> file) {
        String path = auth.get(file);
        return new Auth(method, user, scheme, auth.get(inline), path == null ? null : Path.of(path));
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
