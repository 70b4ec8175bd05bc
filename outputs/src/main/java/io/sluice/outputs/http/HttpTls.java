package io.sluice.outputs.http;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SSL context of the HTTP outputs' {@code tls} block: whom to trust (a CA file, a pinned
 * SHA-256 fingerprint, the JVM's CAs, or anyone with {@code verify: false}) and which client
 * certificate to present. Follows the Elasticsearch output's {@code Tls}; both are meant to fold into
 * the shared TLS code of the plugin API once it exists, which is why this is one class behind
 * {@link #context}.
 */
final class HttpTls {
    private HttpTls() {}

    /** What the {@code tls} block says; null fields are not set. */
    record Settings(Path caFile, String fingerprint, Path certFile, Path keyFile, boolean verify) {
        static final Settings DEFAULT = new Settings(null, null, null, null, true);

        boolean isDefault() {
            return equals(DEFAULT);
        }
    }

    static boolean isFingerprint(String text) {
        return normalize(text).matches("[0-9a-f]{64}");
    }

    private static String normalize(String fingerprint) {
        return fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
    }

    /** The context for the settings, or null for the JVM's default (its CA store, no client certificate). */
    static SSLContext context(Settings s) throws Exception {
        if (s.isDefault()) return null;
        TrustManager[] trust = null;
        if (!s.verify()) trust = new TrustManager[] {new Pinned(null)};
        else if (s.fingerprint() != null) trust = new TrustManager[] {new Pinned(HexFormat.of().parseHex(normalize(s.fingerprint())))};
        else if (s.caFile() != null) trust = fromCaFile(s.caFile());
        KeyManager[] keys = s.certFile() == null ? null : clientKey(s.certFile(), s.keyFile());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys, trust, null);
        return ctx;
    }

    private static TrustManager[] fromCaFile(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (Certificate c : certificates(caFile)) store.setCertificateEntry("ca-" + n++, c);
        if (n == 0) throw new IllegalArgumentException("tls.ca_file " + caFile + " holds no PEM certificate");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    /** The client certificate chain and its unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}), RSA or EC. */
    private static KeyManager[] clientKey(Path certFile, Path keyFile) throws Exception {
        Certificate[] chain = certificates(certFile).toArray(Certificate[]::new);
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < 0) {
            throw new IllegalArgumentException("tls.key_file " + keyFile + " is not an unencrypted PKCS#8 PEM key"
                    + " (BEGIN PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        String algorithm = chain[0].getPublicKey().getAlgorithm();
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, new char[0], chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        return kmf.getKeyManagers();
    }

    private static Collection<? extends Certificate> certificates(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    /**
     * Trusts a chain holding a certificate with the pinned SHA-256 fingerprint; with no pin, any chain.
     * An {@link X509ExtendedTrustManager}, so the JDK does not add its host name check: the pin
     * names the server more exactly than its name does.
     */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final byte[] sha256;

        Pinned(byte[] sha256) {
            this.sha256 = sha256;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (sha256 == null) return;
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (X509Certificate c : chain) {
                    if (MessageDigest.isEqual(sha256, digest.digest(c.getEncoded()))) return;
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
            throw new CertificateException("no certificate of the server's chain has the SHA-256 fingerprint in tls.fingerprint");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
