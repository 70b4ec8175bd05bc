package io.sluice.inputs.net;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.function.Supplier;

/**
 * The server TLS context built from PEM files, rebuilt when a file's modification time or size
 * changes (checked at most once a second, as new connections arrive), so renewed certificates take
 * effect without a restart. If a changed file cannot be loaded (say, half written), the previous
 * context stays in use and the problem is logged.
 */
public final class TlsContextSource implements Supplier<SslContext> {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContextSource.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final File cert;
    private final File key;
    private final File ca;
    private final boolean requireClientCert;
    private SslContext current;
    private long stamp;
    private long lastCheck;

    TlsContextSource(String certFile, String keyFile, String caFile, boolean requireClientCert) {
        this.cert = new File(certFile);
        this.key = new File(keyFile);
        this.ca = caFile == null ? null : new File(caFile);
        this.requireClientCert = requireClientCert;
    }

    /** Loads the files now; throws with the reason when they do not make a usable context. */
    public synchronized void load() throws Exception {
        current = build();
        stamp = stamp();
        lastCheck = System.nanoTime();
    }

    @Override
    public synchronized SslContext get() {
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

    private SslContext build() throws Exception {
        SslContextBuilder b = SslContextBuilder.forServer(cert, key);
        if (ca != null) {
            b.trustManager(ca).clientAuth(requireClientCert ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        return b.build();
    }
}
