package io.sluice.inputs.net;

import io.netty.handler.ssl.ClientAuth;
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
    private SSLContext wrapped;
    private SslContext current;

    private TlsContextSource(ServerTls files) {
        this.files = files;
        this.clientAuth = switch (files.clientAuth()) {
            case NONE -> ClientAuth.NONE;
            case OPTIONAL -> ClientAuth.OPTIONAL;
            case REQUIRED -> ClientAuth.REQUIRE;
        };
    }

    /** The context source for a {@code tls} block, or null when TLS is off (no cert_file). */
    public static TlsContextSource from(Options tls) {
        ServerTls files = ServerTls.from(tls);
        return files == null ? null : new TlsContextSource(files);
    }

    /** Loads the files now; throws with the reason when they do not make a usable context. */
    public void load() throws Exception {
        files.load();
    }

    @Override
    public synchronized SslContext get() {
        SSLContext jdk = files.get();
        if (jdk != wrapped) {
            current = new JdkSslContext(jdk, false, clientAuth);
            wrapped = jdk;
        }
        return current;
    }
}
