package io.sluice.outputs.http;

import io.sluice.api.option.Option;
import io.sluice.api.option.Options;
import io.sluice.api.tls.ClientTls;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The shared HTTP options of one output, checked across fields. */
public record HttpCoreSettings(HttpAuth auth, ClientTls tls, Compression compression, long maxRequestBytes,
                               Duration requestTimeout) {

    /** Reads the shared options with the {@code auth} block; every problem found goes to {@code problems}. */
    public static HttpCoreSettings from(Options o, Option<Long> maxRequestBytes, List<String> problems) {
        return withAuth(o, maxRequestBytes, auth(o.get(HttpCoreOptions.AUTH_BLOCK), problems), problems);
    }

    /** For a protocol with its own credentials (a Splunk token): the shared options but {@code auth}. */
    public static HttpCoreSettings withAuth(Options o, Option<Long> maxRequestBytes, HttpAuth auth, List<String> problems) {
        return new HttpCoreSettings(auth, tls(o.get(HttpCoreOptions.TLS_BLOCK), problems),
                Compression.of(o.get(HttpCoreOptions.COMPRESSION)), o.get(maxRequestBytes),
                o.get(HttpCoreOptions.REQUEST_TIMEOUT));
    }

    private static HttpAuth auth(Options a, List<String> problems) {
        List<HttpAuth> chosen = new ArrayList<>();
        String user = a.get(HttpCoreOptions.USERNAME);
        String password = a.get(HttpCoreOptions.PASSWORD);
        if ((user == null) != (password == null)) problems.add("auth: username and password go together");
        else if (user != null) chosen.add(HttpAuth.basic(user, password));
        if (a.get(HttpCoreOptions.BEARER_TOKEN) != null) chosen.add(HttpAuth.bearer(a.get(HttpCoreOptions.BEARER_TOKEN)));
        if (a.get(HttpCoreOptions.API_KEY) != null) {
            chosen.add(HttpAuth.apiKey(a.get(HttpCoreOptions.API_KEY_HEADER), a.get(HttpCoreOptions.API_KEY)));
        }
        Options oa = a.get(HttpCoreOptions.OAUTH2_BLOCK);
        if (oa.isSet(HttpCoreOptions.TOKEN_URL)) { // an absent block binds empty
            chosen.add(TokenSource.clientCredentials(URI.create(oa.get(HttpCoreOptions.TOKEN_URL)),
                    oa.get(HttpCoreOptions.CLIENT_ID), oa.get(HttpCoreOptions.CLIENT_SECRET),
                    oa.get(HttpCoreOptions.SCOPE), Clock.systemUTC()));
        }
        if (chosen.size() > 1) problems.add("auth: choose one of username/password, bearer_token, api_key, oauth2");
        return chosen.isEmpty() ? HttpAuth.NONE : chosen.get(0);
    }

    /** The block's combinations are checked by {@code TlsOptions.CLIENT}'s rules when the config is validated. */
    private static ClientTls tls(Options t, List<String> problems) {
        return ClientTls.from(t);
    }
}
