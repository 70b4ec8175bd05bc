package io.sluice.inputs.net;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.sluice.api.option.Options;
import io.sluice.api.tls.ServerTls;

import javax.net.ssl.SSLContext;
import java.util.function.Supplier;

/**
 * The listener's TLS context for Netty: the API's {@link ServerTls} (PEM files, client
 * verification, reloading) wrapped in a {@link JdkSslContext}, wrapped again only when the files
 * were reloaded.
 */
public final class TlsContextSource implements Supplier<SslContext> {
    private final ServerTls files;
    private final ClientAuth clientAuth;
    private final ApplicationProtocolConfig alpn;
    private SSLContext wrapped;
    private SslContext current;

    private TlsContextSource(ServerTls files, ApplicationProtocolConfig alpn) {
        this.files = files;
        this.alpn = alpn;
        this.clientAuth = switch (files.clientAuth()) {
            case NONE -> ClientAuth.NONE;
            case OPTIONAL -> ClientAuth.OPTIONAL;
            case REQUIRED -> ClientAuth.REQUIRE;
        };
    }

    /** The context source for a {@code tls} block, or null when TLS is off (no cert_file). */
    public static TlsContextSource from(Options tls) {
        ServerTls files = ServerTls.from(tls);
        return files == null ? null : new TlsContextSource(files, null);
    }

    /**
     * The same, offering the given application protocols by ALPN in order of preference (e.g.
     * {@code h2}, {@code http/1.1}: gRPC clients refuse a TLS connection that did not agree on h2).
     */
    public static TlsContextSource from(Options tls, String... alpnProtocols) {
        ServerTls files = ServerTls.from(tls);
        if (files == null) return null;
        return new TlsContextSource(files, new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                // the only behaviours the JDK's TLS supports on a server: a client without ALPN is still served
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpnProtocols));
    }

    /** Loads the files now; throws with the reason when they do not make a usable context. */
    public void load() throws Exception {
        files.load();
    }

    @Override
    public synchronized SslContext get() {
        SSLContext jdk = files.get();
        if (jdk != wrapped) {
            current = alpn == null ? new JdkSslContext(jdk, false, clientAuth)
                    : new JdkSslContext(jdk, false, null, IdentityCipherSuiteFilter.INSTANCE, alpn, clientAuth);
            wrapped = jdk;
        }
        return current;
    }
}
