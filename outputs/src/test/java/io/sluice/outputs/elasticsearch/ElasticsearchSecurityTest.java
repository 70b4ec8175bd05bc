package io.sluice.outputs.elasticsearch;

import io.sluice.api.plugin.Output;
import io.sluice.api.tls.SslContexts;
import io.sluice.core.testkit.TestBatches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A node with security left on: Elasticsearch 8.19 auto-configures HTTPS with its own CA
 * ({@code config/certs/http_ca.crt}) and authentication on first start.
 *
 * <p>The integ-test distribution lacks the analysis-common module, so the {@code .security} index
 * cannot be created there: the native realm ({@code elastic}'s password, which
 * {@code elasticsearch-reset-password} would set) and API keys are unavailable. The test therefore
 * authenticates with what lives in config files: a file-realm user made with the distribution's
 * {@code elasticsearch-users} and a service account token from {@code elasticsearch-service-tokens}.
 */
@ExtendWith(EsNodes.class)
@Timeout(600)
class ElasticsearchSecurityTest {
    private static final String USER = "sluice_admin";
    private static final String PASSWORD = "sluice-test-" + UUID.randomUUID();
    private static EsNode node;
    private static Path ca;
    private static String serviceToken;
    private final List<Output> opened = new ArrayList<>();

    @BeforeAll
    static void createUsers(@EsNodes.Node(EsNodes.Kind.SECURED) EsNode secured) throws Exception {
        node = secured;
        ca = node.configDir().resolve("certs/http_ca.crt");
        assertThat(ca).as("the CA the node generated on first start").isRegularFile();
        node.tool("elasticsearch-users", "useradd", USER, "-p", PASSWORD, "-r", "superuser");
        String out = node.tool("elasticsearch-service-tokens", "create", "elastic/fleet-server", "sluice-test");
        serviceToken = out.lines().filter(l -> l.startsWith("SERVICE_TOKEN")).map(l -> l.substring(l.indexOf('=') + 1).strip())
                .findFirst().orElseThrow(() -> new IllegalStateException("no token in: " + out));
        // the node re-reads its users and service tokens files every 5 s
        EsHttp withToken = new EsHttp(node, SslContexts.context(null, SslContexts.trustingCa(ca)), "Bearer " + serviceToken);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> admin().get("/_security/_authenticate") != null
                        && withToken.get("/_security/_authenticate") != null);
    }

    @AfterEach
    void closeOutputs() throws Exception {
        for (Output o : opened) o.close();
    }

    private Output start(Map<String, Object> config) throws Exception {
        Output out = Outputs.create(config);
        opened.add(out);
        out.start(Outputs.context());
        return out;
    }

    private static EsHttp admin() throws Exception {
        return new EsHttp(node, SslContexts.context(null, SslContexts.trustingCa(ca)), EsHttp.basic(USER, PASSWORD));
    }

    @Test
    void connectsWithTheCaAndThePassword() throws Exception {
        Output out = start(Map.of("hosts", List.of(node.url()), "data_stream", "logs-{service.name}-secure",
                "auth", Map.of("username", USER, "password", PASSWORD),
                "tls", Map.of("ca_file", ca.toString())));
        assertThat(out.send(TestBatches.of(List.of(TestBatches.event("svc", "over https", 1)))).allDelivered()).isTrue();
        assertThat(admin().count("logs-svc-secure")).isEqualTo(1);
    }

    @Test
    void connectsWithTheCaFingerprintAndABearerToken() throws Exception {
        byte[] der;
        try (var in = Files.newInputStream(ca)) {
            der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
        }
        String fingerprint = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(der));

        // the fleet-server service account may write logs-* but not manage templates
        Output out = start(Map.of("hosts", List.of(node.url()), "data_stream", "logs-{service.name}-token",
                "auth", Map.of("bearer_token", serviceToken), "tls", Map.of("fingerprint", fingerprint),
                "manage_template", false));
        assertThat(out.send(TestBatches.of(List.of(TestBatches.event("tokened", "with a bearer token", 1)))).allDelivered())
                .isTrue();
        assertThat(admin().count("logs-tokened-token")).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsAClearErrorThatDoesNotShowThePassword() {
        assertThatThrownBy(() -> start(Map.of("hosts", List.of(node.url()),
                "auth", Map.of("username", USER, "password", "not-the-password"),
                "tls", Map.of("ca_file", ca.toString()))))
                .isInstanceOf(ElasticsearchSinkException.class)
                .hasMessageContaining("refused the credentials (401, auth: basic as '" + USER + "')")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void anUntrustedCertificateIsAClearError() {
        assertThatThrownBy(() -> start(Map.of("hosts", List.of(node.url()),
                "auth", Map.of("username", USER, "password", PASSWORD))))
                .isInstanceOf(ElasticsearchSinkException.class)
                .hasMessageContaining("tls.ca_file");
    }

    @Test
    void readsThePasswordFromAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("es-password"), PASSWORD + "\n");
        Output out = start(Map.of("hosts", List.of(node.url()), "data_stream", "logs-{service.name}-secure",
                "auth", Map.of("username", USER, "password_file", secret.toString()),
                "tls", Map.of("ca_file", ca.toString())));
        assertThat(out.send(TestBatches.of(List.of(TestBatches.event("filed", "secret from a file", 1)))).allDelivered())
                .isTrue();
        assertThat(admin().count("logs-filed-secure")).isEqualTo(1);
    }
}
