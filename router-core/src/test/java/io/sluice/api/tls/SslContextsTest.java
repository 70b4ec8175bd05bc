package io.sluice.api.tls;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.core.testkit.TlsFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both sides built from the {@code tls} blocks, handshaking over real sockets with certificates
 * made by the openssl CLI; the other side is a plain JDK client or server configured without Sluice.
 */
class SslContextsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;
    static TlsFiles tls;
    static TlsFiles otherCa;

    @BeforeAll
    static void certificates() throws Exception {
        tls = TlsFiles.create(Files.createDirectories(dir.resolve("a")), "sluice-server");
        otherCa = TlsFiles.create(Files.createDirectories(dir.resolve("b")), "other-server");
    }

    private static Options block(OptionSpec spec, Map<String, Object> values) {
        OptionSpec.Binding b = spec.bind(MAPPER.valueToTree(values));
        assertThat(b.problems()).isEmpty();
        return b.options();
    }

    /** Accepts one connection, completes the handshake and answers with the client certificate's subject or "none". */
    private static CompletableFuture<Void> serveOnce(SSLServerSocket server) {
        return CompletableFuture.runAsync(() -> {
            try (SSLSocket s = (SSLSocket) server.accept(); OutputStream out = s.getOutputStream()) {
                s.setSoTimeout(10_000);
                s.startHandshake();
                String who;
                try {
                    who = ((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    who = "none";
                }
                out.write((who + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the client refused us, or we refused it: the client side asserts which
            }
        });
    }

    private static SSLServerSocket listen(SSLContext ctx, ServerTls.ClientAuth auth) throws IOException {
        SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        // one setter each: either of them resets the other
        if (auth == ServerTls.ClientAuth.REQUIRED) server.setNeedClientAuth(true);
        if (auth == ServerTls.ClientAuth.OPTIONAL) server.setWantClientAuth(true);
        server.setSoTimeout(10_000);
        return server;
    }

    /** Connects with {@code client}, returns what the server answered. */
    private static String exchange(SSLContext client, SSLServerSocket server) throws Exception {
        CompletableFuture<Void> served = serveOnce(server);
        try (SSLSocket s = (SSLSocket) client.getSocketFactory()
                .createSocket(server.getInetAddress(), server.getLocalPort()); InputStream in = s.getInputStream()) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (answer.isEmpty()) throw new SSLException("the server closed the connection without answering");
            return answer;
        } finally {
            served.get(15, TimeUnit.SECONDS);
        }
    }

    private ServerTls server(Map<String, Object> values) throws Exception {
        ServerTls s = ServerTls.from(block(TlsOptions.SERVER, values));
        s.load();
        return s;
    }

    @Test
    void listenerWithCaFileRequiresAClientCertificateSignedByThatCa() throws Exception {
        ServerTls files = server(Map.of("cert_file", tls.serverCert.toString(), "key_file", tls.serverKey.toString(),
                "ca_file", tls.ca.toString()));
        assertThat(files.clientAuth()).isEqualTo(ServerTls.ClientAuth.REQUIRED);
        try (SSLServerSocket server = listen(files.get(), files.clientAuth())) {
            assertThat(exchange(tls.clientContext(true), server)).isEqualTo("CN=test-client");
            assertThatThrownBy(() -> exchange(tls.clientContext(false), server)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> exchange(otherCa.clientContext(true), server)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void listenerWithoutCaFileAsksForNoClientCertificate() throws Exception {
        ServerTls files = server(Map.of("cert_file", tls.serverCert.toString(), "key_file", tls.serverKey.toString()));
        assertThat(files.clientAuth()).isEqualTo(ServerTls.ClientAuth.NONE);
        try (SSLServerSocket server = listen(files.get(), files.clientAuth())) {
            assertThat(exchange(tls.clientContext(true), server)).isEqualTo("none");
        }
    }

    @Test
    void serverBlockRulesAreReportedWithTheOptionNames() {
        assertThat(ServerTls.from(block(TlsOptions.SERVER, Map.of()))).isNull();
        assertThat(TlsOptions.SERVER.bind(MAPPER.valueToTree(Map.of("cert_file", "c.pem"))).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("cert_file, key_file go together"));
        assertThat(TlsOptions.SERVER.bind(MAPPER.valueToTree(
                Map.of("cert_file", "c.pem", "key_file", "k.pem", "client_auth", "optional"))).problems())
                .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("client_auth"));
    }

    /** A server presenting the test server certificate, trusting client certificates of the test CA. */
    private static SSLServerSocket plainJdkServer(boolean needClientAuth) throws Exception {
        return plainJdkServer(tls.serverCert, needClientAuth);
    }

    private static SSLServerSocket plainJdkServer(Path certChain, boolean needClientAuth) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(SslContexts.keyManagers(certChain, tls.serverKey), SslContexts.trustingCa(tls.ca), null);
        return listen(ctx, needClientAuth ? ServerTls.ClientAuth.REQUIRED : ServerTls.ClientAuth.NONE);
    }

    private static SSLContext client(Map<String, Object> values) throws Exception {
        return ClientTls.from(block(TlsOptions.CLIENT, values)).sslContext();
    }

    @Test
    void clientTrustsTheServerThroughItsCaFileAndNoOtherCa() throws Exception {
        try (SSLServerSocket server = plainJdkServer(false)) {
            assertThat(exchange(client(Map.of("ca_file", tls.ca.toString())), server)).isEqualTo("none");
            assertThatThrownBy(() -> exchange(client(Map.of("ca_file", otherCa.ca.toString())), server))
                    .isInstanceOf(SSLException.class);
        }
    }

    @Test
    void clientPinsTheFingerprintOfTheServerOrItsCa() throws Exception {
        String caFingerprint = sha256(tls.ca);
        String serverFingerprint = sha256(tls.serverCert).replaceAll("(..)(?!$)", "$1:").toUpperCase();
        try (SSLServerSocket server = plainJdkServer(false)) {
            assertThat(exchange(client(Map.of("fingerprint", serverFingerprint)), server)).isEqualTo("none");
            assertThatThrownBy(() -> exchange(client(Map.of("fingerprint", caFingerprint)), server))
                    .as("the CA is not in this server's chain").isInstanceOf(SSLException.class);
            assertThatThrownBy(() -> exchange(client(Map.of("fingerprint", sha256(otherCa.ca))), server))
                    .isInstanceOf(SSLException.class).hasStackTraceContaining("tls.fingerprint");
        }
        Path chain = tls.dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(tls.serverCert) + Files.readString(tls.ca));
        try (SSLServerSocket server = plainJdkServer(chain, false)) {
            assertThat(exchange(client(Map.of("fingerprint", caFingerprint)), server)).isEqualTo("none");
        }
    }

    @Test
    void clientPresentsItsCertificateWhenTheServerRequiresOne() throws Exception {
        Map<String, Object> withCert = Map.of("ca_file", tls.ca.toString(),
                "cert_file", tls.dir.resolve("client.pem").toString(), "key_file", tls.dir.resolve("client.key").toString());
        try (SSLServerSocket server = plainJdkServer(true)) {
            assertThat(exchange(client(withCert), server)).isEqualTo("CN=test-client");
            assertThatThrownBy(() -> exchange(client(Map.of("ca_file", tls.ca.toString())), server))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void clientWithVerifyOffAcceptsAnyServerAndWithNothingSetUsesTheJvmDefaults() throws Exception {
        try (SSLServerSocket server = plainJdkServer(false)) {
            assertThat(exchange(client(Map.of("verify", false)), server)).isEqualTo("none");
        }
        assertThat(client(Map.of())).isNull();
    }

    @Test
    void clientBlockProblemsAreReportedByTheSpecsRules() {
        var bound = TlsOptions.CLIENT.bind(MAPPER.valueToTree(Map.of("ca_file", "/nonexistent/ca.pem",
                "fingerprint", "ab".repeat(32), "cert_file", "c.pem")));
        assertThat(bound.problems()).extracting(p -> p.message()).anySatisfy(m -> assertThat(m).contains("ca_file"))
                .anySatisfy(m -> assertThat(m).contains("key_file"))
                .anySatisfy(m -> assertThat(m).contains("CA file"));
        assertThat(TlsOptions.CLIENT.bind(MAPPER.valueToTree(Map.of("fingerprint", "abc"))).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("SHA-256 fingerprint"));
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedWithHowToConvertIt() throws Exception {
        tls.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.key");
        assertThat(Files.readString(tls.dir.resolve("sec1.key"))).contains("BEGIN EC PRIVATE KEY");
        assertThatThrownBy(() -> Pem.privateKey(tls.dir.resolve("sec1.key")))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> Pem.certificates(tls.dir.resolve("sec1.key")))
                .isInstanceOf(GeneralSecurityException.class);
    }

    private static String sha256(Path pem) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Pem.certificates(pem).get(0).getEncoded()));
    }
}
