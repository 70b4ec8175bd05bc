package io.sluice.api.tls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Builds JDK {@link SSLContext}s from PEM files, for either side of a connection: the key managers
 * present this side's certificate, the trust managers check the peer's (against a CA file, a pinned
 * SHA-256 fingerprint, the JVM's trust store, or not at all). Transport-neutral: Netty wraps the
 * result in a {@code JdkSslContext}, HTTP clients take it as it is.
 */
public final class SslContexts {
    /** Only protects the in-memory key store the key managers read from; never stored. */
    private static final char[] IN_MEMORY = "sluice".toCharArray();

    private SslContexts() {}

    /** A context from key managers (null: present no certificate) and trust managers (null: the JVM's trust store). */
    public static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys, trust, null);
        return ctx;
    }

    /** Presents the certificate (and chain) in {@code certFile} with the PKCS#8 key in {@code keyFile}. */
    public static KeyManager[] keyManagers(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = Pem.certificates(certFile);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", Pem.privateKey(keyFile), IN_MEMORY, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, IN_MEMORY);
        return kmf.getKeyManagers();
    }

    /** Trusts peers whose certificate chains to one of the CA certificates in {@code caFile}. */
    public static TrustManager[] trustingCa(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int n = 0;
        for (X509Certificate c : Pem.certificates(caFile)) trust.setCertificateEntry("ca-" + n++, c);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    /** True for a SHA-256 fingerprint: 64 hex digits, colons allowed (as Elasticsearch and openssl print it). */
    public static boolean isFingerprint(String text) {
        return normalize(text).matches("[0-9a-f]{64}");
    }

    private static String normalize(String fingerprint) {
        return fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Trusts a server whose chain holds a certificate (its own or its CA's) with this SHA-256
     * fingerprint. Pinning replaces chain validation, so it also works for self-signed certificates.
     */
    public static TrustManager[] pinning(String fingerprint) {
        byte[] expected = HexFormat.of().parseHex(normalize(fingerprint));
        return new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("a pinned fingerprint checks servers only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                    for (X509Certificate c : chain) {
                        if (MessageDigest.isEqual(expected, sha256.digest(c.getEncoded()))) return;
                    }
                } catch (NoSuchAlgorithmException e) {
                    throw new CertificateException(e);
                }
                throw new CertificateException("no certificate of the server's chain has the SHA-256 fingerprint in tls.fingerprint");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
    }

    /** Trusts no certificate: for a client that must never complete a TLS handshake (the JDK then checks against nothing). */
    public static TrustManager[] trustingNone() {
        return new TrustManager[0];
    }

    /**
     * Accepts any certificate and host name ({@code verify: false}): for tests only, it gives up TLS's
     * protection. An extended trust manager, because the JDK wraps a plain one in a check of the host
     * name whenever the client asks for it (the JDK's HTTP client and gRPC both do).
     */
    public static TrustManager[] trustingAll() {
        return new TrustManager[] {new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }};
    }
}
