package io.sluice.api.tls;

import io.sluice.api.option.Options;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The client side of a {@link TlsOptions#CLIENT} block, for outputs that connect to a server: how
 * the server's certificate is trusted (a CA file, a pinned fingerprint, the JVM's trust store, or
 * not at all) and the client certificate to present, if any. Reading the files waits for
 * {@link #sslContext()}, so that it happens when the output starts.
 */
public record ClientTls(String caFile, String fingerprint, boolean verify, String certFile, String keyFile,
                        String serverName) {
    /**
     * The settings of a block (checked by {@link TlsOptions#CLIENT}'s rules); an absent block means the JVM's
     * defaults. {@link #serverName} is null unless the block declares {@link TlsOptions#SERVER_NAME} (only
     * transports that can check a name other than the address's declare it).
     */
    public static ClientTls from(Options tls) {
        if (tls == null) return new ClientTls(null, null, true, null, null, null);
        return new ClientTls(tls.get(TlsOptions.CA_FILE), tls.get(TlsOptions.FINGERPRINT), tls.get(TlsOptions.VERIFY),
                tls.get(TlsOptions.CERT_FILE), tls.get(TlsOptions.KEY_FILE),
                tls.spec().options().contains(TlsOptions.SERVER_NAME) ? tls.get(TlsOptions.SERVER_NAME) : null);
    }

    /** The context to connect with, or null to use the JVM's defaults (nothing set). */
    public SSLContext sslContext() throws IOException, GeneralSecurityException {
        KeyManager[] keys = certFile == null ? null : SslContexts.keyManagers(Path.of(certFile), Path.of(keyFile));
        TrustManager[] trust = !verify ? SslContexts.trustingAll()
                : fingerprint != null ? SslContexts.pinning(fingerprint)
                : caFile != null ? SslContexts.trustingCa(Path.of(caFile))
                : null;
        if (keys == null && trust == null) return null;
        return SslContexts.context(keys, trust);
    }
}
