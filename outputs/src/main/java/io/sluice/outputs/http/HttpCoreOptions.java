package io.sluice.outputs.http;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.tls.TlsOptions;

import java.time.Duration;

/**
 * The options every HTTP output shares ({@code auth}, {@code tls}, {@code compression},
 * {@code max_request_bytes}, {@code request_timeout}), declared once; each output appends them to
 * its own spec and reads them with {@link HttpCoreSettings#from}.
 */
public final class HttpCoreOptions {
    private HttpCoreOptions() {}

    static final Option<String> USERNAME = Option.of("username", Types.STRING)
            .doc("basic authentication user; needs password").build();
    static final Option<String> PASSWORD = Option.of("password", Types.STRING)
            .doc("basic authentication password; write ${VAR} to take it from the environment").build();
    static final Option<String> BEARER_TOKEN = Option.of("bearer_token", Types.STRING)
            .doc("a token sent as 'Authorization: Bearer'").build();
    static final Option<String> API_KEY = Option.of("api_key", Types.STRING)
            .doc("an API key, sent in api_key_header").build();
    static final Option<String> API_KEY_HEADER = Option.of("api_key_header", Types.STRING).defaultValue("X-API-Key")
            .doc("the header that carries api_key").build();

    static final Option<String> TOKEN_URL = Option.of("token_url", Types.STRING).required()
            .check(HttpCoreOptions::isHttpUrl, "must be an http:// or https:// URL")
            .doc("the OAuth2 token endpoint, e.g. https://login.microsoftonline.com/TENANT/oauth2/v2.0/token").build();
    static final Option<String> CLIENT_ID = Option.of("client_id", Types.STRING).required()
            .doc("the client (application) id").build();
    static final Option<String> CLIENT_SECRET = Option.of("client_secret", Types.STRING).required()
            .doc("the client secret; write ${VAR} to take it from the environment").build();
    static final Option<String> SCOPE = Option.of("scope", Types.STRING)
            .doc("the scope to ask for, e.g. https://monitor.azure.com//.default").build();
    static final OptionSpec OAUTH2 = OptionSpec.of("oauth2",
            "OAuth2 client credentials: a token fetched from token_url, cached until a minute before it expires and"
                    + " fetched again when the receiver answers 401",
            TOKEN_URL, CLIENT_ID, CLIENT_SECRET, SCOPE);
    static final Option<Options> OAUTH2_BLOCK = Option.block("oauth2", OAUTH2).doc("OAuth2 client credentials").build();

    static final OptionSpec AUTH = OptionSpec.of("auth",
            "one of: username and password, bearer_token, api_key, oauth2; secrets are never logged",
            USERNAME, PASSWORD, BEARER_TOKEN, API_KEY, API_KEY_HEADER, OAUTH2_BLOCK)
            .rule(OptionRule.requiresTogether(USERNAME, PASSWORD),
                    // oauth2 first: an absent block still binds (empty), so it must not be where a broken rule is reported
                    OptionRule.of("at most one method: `username` with `password`, `bearer_token`, `api_key` or `oauth2`",
                            "choose one of username/password, bearer_token, api_key, oauth2",
                            a -> methodsGiven(a) <= 1, OAUTH2_BLOCK, USERNAME, PASSWORD, BEARER_TOKEN, API_KEY));

    public static final Option<Options> AUTH_BLOCK = Option.block("auth", AUTH).doc("authentication").build();
    public static final Option<Options> TLS_BLOCK = Option.block("tls", TlsOptions.CLIENT).doc("HTTPS trust and client certificate").build();

    /**
     * {@link #TLS_BLOCK} with {@code server_name}, for a transport that can check a name other than the
     * address's (gRPC); same name, so {@link HttpCoreSettings} reads either. The JDK's HTTP client cannot.
     */
    public static final Option<Options> TLS_BLOCK_WITH_SERVER_NAME = Option.block("tls",
                    TlsOptions.CLIENT.with(TlsOptions.SERVER_NAME))
            .doc("TLS trust, client certificate, and the server's name").build();

    public static final Option<String> COMPRESSION = Option.of("compression", Types.oneOf("gzip", "none"))
            .defaultValue("gzip").doc("Content-Encoding of request bodies").build();

    /**
     * {@link #COMPRESSION} with zstd besides, for outputs whose receivers may take it; same name, so
     * {@link HttpCoreSettings} reads either.
     */
    public static final Option<String> COMPRESSION_WITH_ZSTD = Option.of("compression", Types.oneOf("gzip", "zstd", "none"))
            .defaultValue("gzip").doc("Content-Encoding of request bodies; zstd only where the receiver takes it"
                    + " (it answers 415 otherwise, which stops the output until the setting is fixed)").build();

    public static final Option<Duration> REQUEST_TIMEOUT = Option.of("request_timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(30)).doc("how long one request may take before it is retried").build();

    /** The request size limit, with the receiver's own limit as the default. */
    public static Option<Long> maxRequestBytes(long defaultValue, String receiverLimit) {
        return Option.of("max_request_bytes", Types.BYTE_SIZE).defaultValue(defaultValue)
                .check(v -> v >= 1024, "must be at least 1KiB")
                .doc("largest request body before compression; a larger batch is split before sending (" + receiverLimit + ")")
                .build();
    }

    /** True when the user wrote an {@code oauth2} block (an absent one binds empty, without {@code token_url}). */
    static boolean oauth2Given(Options auth) {
        return auth.get(OAUTH2_BLOCK).isSet(TOKEN_URL);
    }

    private static int methodsGiven(Options auth) {
        int n = oauth2Given(auth) ? 1 : 0;
        if (auth.isSet(USERNAME) || auth.isSet(PASSWORD)) n++;
        if (auth.isSet(BEARER_TOKEN)) n++;
        if (auth.isSet(API_KEY)) n++;
        return n;
    }

    static boolean isHttpUrl(String text) {
        try {
            java.net.URI u = java.net.URI.create(text);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
