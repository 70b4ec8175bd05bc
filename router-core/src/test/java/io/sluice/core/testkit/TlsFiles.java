package io.sluice.core.testkit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificates made for a test with the openssl CLI: a CA, a server certificate for 127.0.0.1 and
 * a client certificate, both signed by the CA; and TLS clients that trust that CA.
 */
public final class TlsFiles {
    public final Path dir;
    public final Path ca;
    public final Path serverCert;
    public final Path serverKey;
    public final Path clientP12;

    private TlsFiles(Path dir) {
        this.dir = dir;
        this.ca = dir.resolve("ca.pem");
        this.serverCert = dir.resolve("server.pem");
        this.serverKey = dir.resolve("server.key");
        this.clientP12 = dir.resolve("client.p12");
    }

    /** Creates the CA, server and client certificates in {@code dir}; the server's CN is {@code serverName}. */
    public static TlsFiles create(Path dir, String serverName) throws IOException, InterruptedException {
        TlsFiles t = new TlsFiles(dir);
        t.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=sluice-test-ca");
        t.issue(serverName);
        t.openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=test-client");
        t.openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.pem", "-days", "2");
        t.openssl("pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:secret");
        return t;
    }

    /** (Re)issues the server certificate and key, e.g. to test reloading. */
    public void issue(String serverName) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "server.key.new", "-out", "server.csr", "-subj", "/CN=" + serverName);
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem.new", "-days", "2", "-extfile", "san.ext");
        // swap both in at once, as a certificate manager would
        Files.move(dir.resolve("server.key.new"), serverKey, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(dir.resolve("server.pem.new"), serverCert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(p.exitValue()).as("openssl %s: %s", String.join(" ", args), out).isZero();
    }

    /** A TLS client context trusting the test CA, presenting the client certificate when {@code withClientCert}. */
    public SSLContext clientContext(boolean withClientCert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withClientCert) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(clientP12)) {
                keys.load(in, "secret".toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "secret".toCharArray());
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ssl;
    }

    /** Connects, completes the handshake and returns the socket (the caller closes it). */
    public static SSLSocket connect(SSLContext ssl, InetSocketAddress to) throws IOException {
        SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(to.getAddress(), to.getPort());
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    /** The CN the server presented on this connection. */
    public static String serverName(SSLSocket s) throws Exception {
        X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
        return cert.getSubjectX500Principal().getName();
    }
}
