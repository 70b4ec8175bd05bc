package io.sluice.outputs.elasticsearch;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** Builds the SSL context for the {@code tls} block: a CA file, a pinned fingerprint, or no checks. */
final class Tls {
    private Tls() {}

    static boolean isFingerprint(String text) {
        return normalize(text).matches("[0-9a-f]{64}");
    }

    /** The CA file is read when the output starts: validation checks it can be, at its line. */
    static boolean isReadableFile(String path) {
        try {
            Path file = Path.of(path);
            return java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.isReadable(file);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static String normalize(String fingerprint) {
        return fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
    }

    /** Trusts the certificates in a PEM file (one or more CA certificates). */
    static SSLContext fromCaFile(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) throw new IllegalArgumentException("tls.ca_file " + caFile + " holds no PEM certificate");
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * Trusts a chain in which some certificate (the node's or its CA's) has the given SHA-256
     * fingerprint, the way Elasticsearch prints it on first start.
     */
    static SSLContext fromFingerprint(String fingerprint) throws Exception {
        byte[] expected = HexFormat.of().parseHex(normalize(fingerprint));
        return context(new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("not a server");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                    for (X509Certificate c : chain) {
                        if (MessageDigest.isEqual(expected, sha256.digest(c.getEncoded()))) return;
                    }
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new CertificateException(e);
                }
                throw new CertificateException("no certificate of the server's chain has the SHA-256 fingerprint in tls.fingerprint");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        });
    }

    /** Accepts any certificate ({@code verify: false}). */
    static SSLContext trustingAll() throws Exception {
        return context(new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        });
    }

    private static SSLContext context(TrustManager tm) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, null);
        return ctx;
    }
}
