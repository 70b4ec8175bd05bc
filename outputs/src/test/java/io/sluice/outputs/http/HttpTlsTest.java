package io.sluice.outputs.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.Output;
import io.sluice.api.tls.ClientTls;
import io.sluice.core.testkit.TestBatches;
import io.sluice.core.testkit.TlsFiles;
import io.sluice.outputs.Plugins;
import io.sluice.outputs.TestOutputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tls block of the HTTP outputs against an HTTPS receiver with certificates made by openssl. */
class HttpTlsTest {
    @TempDir
    Path dir;

    private TlsFiles tls;
    private Receiver receiver;

    @BeforeEach
    void certificates() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl CLI is not installed");
        tls = TlsFiles.create(dir, "sluice-http-receiver");
        receiver = new Receiver(Receiver.serverContext(tls), true);
    }

    @AfterEach
    void stop() {
        if (receiver != null) receiver.close();
    }

    private Output start(String tlsBlock) throws Exception {
        Output out = Plugins.create("http", "out", "{\"uri\":\"" + receiver.url("/ingest") + "\",\"tls\":" + tlsBlock + "}");
        out.start(new TestOutputContext("out", dir));
        return out;
    }

    private String clientCert() {
        return ",\"cert_file\":\"" + dir.resolve("client.pem") + "\",\"key_file\":\"" + dir.resolve("client.key") + "\"";
    }

    private static void sendOne(Output out) throws Exception {
        assertThat(out.send(TestBatches.of(List.of(TestBatches.event("s", "over tls", 0)))).allDelivered()).isTrue();
    }

    @Test
    void trustsTheCaFileAndPresentsTheClientCertificate() throws Exception {
        sendOne(start("{\"ca_file\":\"" + tls.ca + "\"" + clientCert() + "}"));
        assertThat(receiver.requests().get(0).text()).contains("over tls");
        assertThat(receiver.lastClient).isEqualTo("CN=test-client");
    }

    @Test
    void trustsAPinnedFingerprintOfTheServersCertificate() throws Exception {
        byte[] der;
        try (InputStream in = Files.newInputStream(tls.serverCert)) {
            der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
        }
        String pin = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        sendOne(start("{\"fingerprint\":\"" + pin + "\"" + clientCert() + "}"));
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void anUntrustedServerIsAConfigurationErrorNotARetry() throws Exception {
        Output out = start("{\"fingerprint\":\"" + "ab".repeat(32) + "\"" + clientCert() + "}");
        assertThatThrownBy(() -> sendOne(out)).isInstanceOf(HttpPermanentException.class).hasMessageContaining("tls.");
        Output jvmTrust = start("{" + clientCert().substring(1) + "}");
        assertThatThrownBy(() -> sendOne(jvmTrust)).isInstanceOf(HttpPermanentException.class);
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void aSenderForPlainHttpOnlyTrustsNoServer() throws Exception {
        // it skips the JVM's trust store; were it ever pointed at TLS, the handshake must fail, not pass unchecked
        HttpSender plain = new HttpSender("out", new HttpCoreSettings(HttpAuth.NONE, ClientTls.from(null), Compression.NONE,
                1 << 20, Duration.ofSeconds(10)), Clock.systemUTC(), true);
        plain.start(new SimpleMeterRegistry());
        JsonBytes body = new JsonBytes(16).raw("{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> plain.post(URI.create(receiver.url("/ingest")), Map.of(), body, "application/json"))
                .isInstanceOf(HttpPermanentException.class);
        assertThat(receiver.requests()).isEmpty();
    }
}
