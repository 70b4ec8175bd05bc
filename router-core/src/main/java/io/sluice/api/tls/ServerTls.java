package io.sluice.api.tls;

import io.sluice.api.option.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.File;
import java.util.function.Supplier;

/**
 * A listener's TLS context built from PEM files, rebuilt when a file's modification time or size
 * changes (checked at most once a second, as new connections arrive), so renewed certificates take
 * effect without a restart. If a changed file cannot be loaded (say, half written), the previous
 * context stays in use and the problem is logged. Thread-safe.
 */
public final class ServerTls implements Supplier<SSLContext> {
    /** Whether clients present certificates: only asked for when a CA file is there to check them against. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final File cert;
    private final File key;
    private final File ca;
    private final ClientAuth clientAuth;
    private SSLContext current;
    private long stamp;
    private long lastCheck;

    ServerTls(String certFile, String keyFile, String caFile, ClientAuth clientAuth) {
        this.cert = new File(certFile);
        this.key = new File(keyFile);
        this.ca = caFile == null ? null : new File(caFile);
        this.clientAuth = clientAuth;
    }

    /**
     * The server side of a {@link TlsOptions#SERVER} block (checked by that spec's rules: key_file with
     * cert_file, client_auth only with ca_file), or null when TLS is off (no cert_file).
     */
    public static ServerTls from(Options tls) {
        if (!TlsOptions.enabled(tls)) return null;
        String ca = tls.get(TlsOptions.CA_FILE);
        ClientAuth auth = ca == null ? ClientAuth.NONE
                : "required".equals(tls.get(TlsOptions.CLIENT_AUTH)) ? ClientAuth.REQUIRED : ClientAuth.OPTIONAL;
        return new ServerTls(tls.get(TlsOptions.CERT_FILE), tls.get(TlsOptions.KEY_FILE), ca, auth);
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** Loads the files now; throws with the reason when they do not make a usable context. */
    public synchronized void load() throws Exception {
        current = build();
        stamp = stamp();
        lastCheck = System.nanoTime();
    }

    /** The context for a new connection: the same instance until the files change. */
    @Override
    public synchronized SSLContext get() {
        long now = System.nanoTime();
        if (current == null || now - lastCheck >= CHECK_EVERY_NANOS) {
            lastCheck = now;
            long s = stamp();
            if (current == null || s != stamp) {
                try {
                    current = build();
                    stamp = s;
                    LOG.info("TLS certificate loaded from {}", cert);
                } catch (Exception e) {
                    if (current == null) throw new IllegalStateException("cannot load TLS files: " + e.getMessage(), e);
                    LOG.warn("TLS files changed but cannot be loaded ({}); keeping the previous certificate", e.toString());
                }
            }
        }
        return current;
    }

    private long stamp() {
        long s = cert.lastModified() * 31 + cert.length();
        s = s * 31 + key.lastModified() * 31 + key.length();
        if (ca != null) s = s * 31 + ca.lastModified() * 31 + ca.length();
        return s;
    }

    private SSLContext build() throws Exception {
        return SslContexts.context(SslContexts.keyManagers(cert.toPath(), key.toPath()),
                ca == null ? null : SslContexts.trustingCa(ca.toPath()));
    }
}
