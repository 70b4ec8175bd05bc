package io.sluice.outputs.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.schema.Timestamps;
import io.sluice.core.testkit.TestBatches;
import io.sluice.outputs.Plugins;
import io.sluice.outputs.TestOutputContext;
import io.sluice.outputs.http.HttpPermanentException;
import io.sluice.outputs.http.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code azure_logs_ingestion} against a receiver shaped after the Logs Ingestion API 2023-01-01
 * (upload at /dataCollectionRules/{id}/streams/{stream}, 204 on success, {"error":{...}} otherwise)
 * and an Entra token endpoint (/{tenant}/oauth2/v2.0/token).
 */
class AzureLogsIngestionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "dcr-00112233445566778899aabbccddeeff";
    private static final String PATH = "/dataCollectionRules/" + RULE + "/streams/Custom-SluiceLogs_CL?api-version=2023-01-01";

    @TempDir
    Path dir;

    private Receiver azure;
    private final List<Receiver.Request> tokenRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void receiver() throws Exception {
        azure = new Receiver();
        azure.handle("/tenant-1/oauth2/v2.0/token", r -> token(r, "entra-" + (tokenRequests.size())));
        azure.handle("/metadata/identity", r -> token(r, "imds-token"));
    }

    private Receiver.Response token(Receiver.Request r, String value) {
        tokenRequests.add(r);
        return Receiver.Response.of(200, "{\"token_type\":\"Bearer\",\"expires_in\":\"3599\",\"access_token\":\"" + value + "\"}");
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private Output start(String credential) throws Exception {
        Output out = Plugins.create("azure_logs_ingestion", "la", "{\"endpoint\":\"" + azure.url("") + "\",\"rule_id\":\""
                + RULE + "\",\"stream\":\"Custom-SluiceLogs_CL\",\"authority\":\"" + azure.url("") + "\"," + credential + "}");
        out.start(new TestOutputContext("la", dir));
        return out;
    }

    private Output start() throws Exception {
        return start("\"tenant_id\":\"tenant-1\",\"client_id\":\"app-1\",\"client_secret\":\"s3cret\"");
    }

    private static SinkBatch batch(int n, int messageBytes) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) events.add(TestBatches.event("svc", i + ":" + "m".repeat(messageBytes), i));
        return TestBatches.of(events);
    }

    private static String form(Receiver.Request r) {
        return URLDecoder.decode(r.text(), StandardCharsets.UTF_8);
    }

    @Test
    void uploadsAJsonArrayOfEventsWithTimeGeneratedUsingAnEntraToken() throws Exception {
        azure.then(Receiver.Response.of(204));
        Output out = start();
        SinkBatch batch = batch(3, 10);
        assertThat(out.send(batch).allDelivered()).isTrue();
        Receiver.Request r = azure.requests().get(0);
        assertThat(r.path()).isEqualTo(PATH);
        assertThat(r.header("Authorization")).isEqualTo("Bearer entra-0");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        JsonNode records = JSON.readTree(r.body());
        assertThat(records.isArray()).isTrue();
        assertThat(records).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode record = records.get(i);
            assertThat(record.fieldNames().next()).isEqualTo("TimeGenerated");
            assertThat(record.get("TimeGenerated").asText()).isEqualTo(Timestamps.format(batch.event(i).timestampNanos()));
            ((com.fasterxml.jackson.databind.node.ObjectNode) record).remove("TimeGenerated");
            assertThat(record).isEqualTo(JSON.readTree(batch.json(i)));
        }
        assertThat(form(tokenRequests.get(0))).contains("grant_type=client_credentials").contains("client_id=app-1")
                .contains("client_secret=s3cret").contains("scope=https://monitor.azure.com//.default");
    }

    @Test
    void aBatchOverTheOneMegabyteLimitIsSplitBeforeSending() throws Exception {
        Output out = start();
        SinkBatch batch = batch(1500, 1000);
        assertThat(out.send(batch).allDelivered()).isTrue();
        List<Receiver.Request> rs = azure.requests();
        assertThat(rs.size()).isGreaterThan(1);
        assertThat(rs).allSatisfy(r -> assertThat(r.body().length).isLessThanOrEqualTo(1_000_000));
        int total = 0;
        for (Receiver.Request r : rs) total += JSON.readTree(r.body()).size();
        assertThat(total).isEqualTo(1500);
    }

    @Test
    void throttlingIsRetriedAfterTheServicesWait() throws Exception {
        azure.then(new Receiver.Response(429, Map.of("Retry-After", "30"), "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow\"}}"));
        Output out = start();
        assertThatThrownBy(() -> out.send(batch(1, 1))).isInstanceOf(RetriableException.class).hasMessageContaining("429");
        assertThatThrownBy(() -> out.send(batch(1, 1))).isInstanceOf(RetriableException.class).hasMessageContaining("Retry-After");
        assertThat(azure.requests()).hasSize(1);
    }

    @Test
    void anExpiredTokenIsRenewedOnce() throws Exception {
        azure.then(Receiver.Response.of(401), Receiver.Response.of(204));
        Output out = start();
        assertThat(out.send(batch(1, 1)).allDelivered()).isTrue();
        assertThat(azure.requests()).extracting(r -> r.header("Authorization")).containsExactly("Bearer entra-0", "Bearer entra-1");
    }

    @Test
    void forbiddenAndNotFoundAreConfigurationErrorsBadDataIsDeadLettered() throws Exception {
        azure.then(Receiver.Response.of(403, "{\"error\":{\"code\":\"OperationFailed\",\"message\":\"no access\"}}"),
                Receiver.Response.of(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"stream not found\"}}"),
                Receiver.Response.of(400, "{\"error\":{\"code\":\"InvalidPayload\",\"message\":\"column X has the wrong type\"}}"));
        Output out = start();
        assertThatThrownBy(() -> out.send(batch(1, 1))).isInstanceOf(HttpPermanentException.class)
                .hasMessageContaining("Monitoring Metrics Publisher");
        assertThatThrownBy(() -> out.send(batch(1, 1))).isInstanceOf(HttpPermanentException.class)
                .hasMessageContaining("check endpoint, rule_id and stream").hasMessageContaining("stream not found");
        SendResult result = out.send(batch(2, 1));
        assertThat(result.refused()).hasSize(2);
        assertThat(result.refused().get(0).reason()).contains("InvalidPayload: column X has the wrong type");
    }

    @Test
    void workloadIdentityPresentsTheFederatedTokenFile() throws Exception {
        Path file = dir.resolve("azure-identity-token");
        Files.writeString(file, "eyJfederated\n");
        Output out = start("\"credential\":\"workload_identity\",\"tenant_id\":\"tenant-1\",\"client_id\":\"app-1\","
                + "\"federated_token_file\":\"" + file + "\"");
        out.send(batch(1, 1));
        assertThat(form(tokenRequests.get(0))).contains("client_assertion=eyJfederated")
                .contains("client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .doesNotContain("client_secret");
    }

    @Test
    void managedIdentityAsksTheInstanceMetadataService() throws Exception {
        Output out = start("\"credential\":\"managed_identity\",\"imds_endpoint\":\"" + azure.url("/metadata/identity/oauth2/token") + "\"");
        out.send(batch(1, 1));
        Receiver.Request t = tokenRequests.get(0);
        assertThat(t.method()).isEqualTo("GET");
        assertThat(t.header("Metadata")).isEqualTo("true");
        assertThat(URLDecoder.decode(t.path(), StandardCharsets.UTF_8)).contains("resource=https://monitor.azure.com");
        assertThat(azure.requests().get(0).header("Authorization")).isEqualTo("Bearer imds-token");
    }
}
