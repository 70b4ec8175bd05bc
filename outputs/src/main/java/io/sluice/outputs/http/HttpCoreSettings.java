package io.sluice.outputs.http;

import io.sluice.api.option.Option;
import io.sluice.api.option.Options;
import io.sluice.api.tls.ClientTls;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * The shared HTTP options of one output, read from a bound block. Their combinations (one way to
 * authenticate, TLS files that go together) are rules on the specs ({@link HttpCoreOptions#AUTH},
 * {@code TlsOptions.CLIENT}), checked by {@code sluice validate} before anything is created.
 */
public record HttpCoreSettings(HttpAuth auth, ClientTls tls, Compression compression, long maxRequestBytes,
                               Duration requestTimeout) {

    /** Reads the shared options with the {@code auth} block. */
    public static HttpCoreSettings from(Options o, Option<Long> maxRequestBytes) {
        return withAuth(o, maxRequestBytes, auth(o.get(HttpCoreOptions.AUTH_BLOCK)));
    }

    /** For a protocol with its own credentials (a Splunk token): the shared options but {@code auth}. */
    public static HttpCoreSettings withAuth(Options o, Option<Long> maxRequestBytes, HttpAuth auth) {
        return new HttpCoreSettings(auth, ClientTls.from(o.get(tlsBlock(o))),
                Compression.of(compression(o)), o.get(maxRequestBytes),
                o.get(HttpCoreOptions.REQUEST_TIMEOUT));
    }

    /** The output declares one of the two {@code tls} blocks, by whether its transport can use {@code server_name}. */
    private static Option<Options> tlsBlock(Options o) {
        return o.spec().options().contains(HttpCoreOptions.TLS_BLOCK_WITH_SERVER_NAME)
                ? HttpCoreOptions.TLS_BLOCK_WITH_SERVER_NAME : HttpCoreOptions.TLS_BLOCK;
    }

    /** The output declares one of the two {@code compression} options, by whether its receivers may take zstd. */
    private static String compression(Options o) {
        boolean zstd = o.spec().options().contains(HttpCoreOptions.COMPRESSION_WITH_ZSTD);
        return o.get(zstd ? HttpCoreOptions.COMPRESSION_WITH_ZSTD : HttpCoreOptions.COMPRESSION);
    }

    /** The one method the block names (the spec's rules allow no more), or none. */
    private static HttpAuth auth(Options a) {
        if (a.get(HttpCoreOptions.USERNAME) != null) {
            return HttpAuth.basic(a.get(HttpCoreOptions.USERNAME), a.get(HttpCoreOptions.PASSWORD));
        }
        if (a.get(HttpCoreOptions.BEARER_TOKEN) != null) return HttpAuth.bearer(a.get(HttpCoreOptions.BEARER_TOKEN));
        if (a.get(HttpCoreOptions.API_KEY) != null) {
            return HttpAuth.apiKey(a.get(HttpCoreOptions.API_KEY_HEADER), a.get(HttpCoreOptions.API_KEY));
        }
        if (HttpCoreOptions.oauth2Given(a)) {
            Options oa = a.get(HttpCoreOptions.OAUTH2_BLOCK);
            return TokenSource.clientCredentials(URI.create(oa.get(HttpCoreOptions.TOKEN_URL)),
                    oa.get(HttpCoreOptions.CLIENT_ID), oa.get(HttpCoreOptions.CLIENT_SECRET),
                    oa.get(HttpCoreOptions.SCOPE), Clock.systemUTC());
        }
        return HttpAuth.NONE;
    }
}
