package io.sluice.outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.core.testkit.TestBatches;
import io.sluice.core.testkit.TlsFiles;
import io.sluice.outputs.http.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks our receivers' idea of each vendor protocol against the vendor's own client: the same events
 * go through Splunk's {@code splunk-logging}, Azure's {@code @azure/monitor-ingestion} and Microsoft's
 * {@code applicationinsights} (run by node from {@code src/test/node/send.mjs}, versions pinned in its
 * package-lock.json) and through Sluice's output to the same receiver, and the two requests are
 * compared: path, the headers that matter, and the body's shape after gzip. Needs {@code npm ci} in
 * {@code outputs/src/test/node}; skipped with that message when node or the modules are missing.
 */
class VendorClientCrossCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    private static final String HEC_TOKEN = "11111111-2222-3333-4444-555555555555";
    private static final String IKEY = "01234567-89ab-cdef-0123-456789abcdef";
    private static final String RULE = "dcr-00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private Receiver receiver;
    private final List<LogEvent> events = List.of(
            TestBatches.event("api", "vendor check one", 0).hostName("web-1"),
            TestBatches.event("api", "vendor check two", 1).hostName("web-1").level(io.sluice.api.event.Level.ERROR));

    @BeforeEach
    void modulesInstalled() {
        assumeTrue(Files.isDirectory(NODE_DIR.resolve("node_modules")),
                "vendor clients not installed: run `npm ci` in " + NODE_DIR + " (needs node and npm)");
    }

    @AfterEach
    void stop() {
        if (receiver != null) receiver.close();
    }

    /** Runs the vendor's client on the events; returns the requests it made (not the handled paths). */
    private List<Receiver.Request> throughVendor(String client, String base, Map<String, String> env) throws Exception {
        ArrayNode list = JSON.createArrayNode();
        for (LogEvent e : events) {
            list.addObject().put("message", e.message()).put("time", e.timestampNanos() / 1_000_000L)
                    .put("host", e.hostName()).put("service", e.serviceName()).put("level", e.level().name().toLowerCase());
        }
        Path file = dir.resolve("events.json");
        JSON.writeValue(file.toFile(), list);
        ProcessBuilder pb = new ProcessBuilder("node", "send.mjs", client, base, file.toString()).directory(NODE_DIR.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            assumeTrue(false, "node is not installed: " + e.getMessage());
            throw e;
        }
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("%s client finished", client).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s client: %s", client, output).isZero();
        List<Receiver.Request> made = receiver.requests();
        assertThat(made).as("%s client sent something", client).isNotEmpty();
        return made;
    }

    /** Sends the events through Sluice's output; returns the requests it added. */
    private List<Receiver.Request> throughSluice(String type, String options, int before) throws Exception {
        Output out = Plugins.create(type, type, options);
        out.start(new TestOutputContext(type, dir));
        try {
            assertThat(out.send(TestBatches.of(events)).allDelivered()).isTrue();
        } finally {
            out.close();
        }
        List<Receiver.Request> all = receiver.requests();
        return all.subList(before, all.size());
    }

    /** Stacked JSON objects (HEC), newline-delimited ones (x-json-stream) or one JSON array, as a list. */
    private static List<JsonNode> objects(Receiver.Request r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (var it = JSON.readerFor(JsonNode.class).readValues(r.body())) {
            while (it.hasNext()) {
                JsonNode n = (JsonNode) it.next();
                if (n.isArray()) n.forEach(out::add);
                else out.add(n);
            }
        }
        return out;
    }

    /** Pairs the vendor's and our rendering of each event, in order; both hold every event. */
    private void eachEventOfBoth(Receiver.Request vendor, Receiver.Request ours,
                                 java.util.function.BiConsumer<JsonNode, JsonNode> check) throws IOException {
        List<JsonNode> theirs = objects(vendor);
        List<JsonNode> mine = objects(ours);
        assertThat(mine).hasSameSizeAs(theirs).hasSize(events.size());
        for (int i = 0; i < mine.size(); i++) check.accept(theirs.get(i), mine.get(i));
    }

    @Test
    void splunkHecAgreesWithSplunkLogging() throws Exception {
        receiver = new Receiver();
        Receiver.Response ok = Receiver.Response.of(200, "{\"text\":\"Success\",\"code\":0}");
        receiver.then(ok, ok);
        Receiver.Request vendor = throughVendor("splunk", receiver.url(""), Map.of()).get(0);
        Receiver.Request ours = throughSluice("splunk_hec", "{\"endpoint\":\"" + receiver.url("") + "\",\"token\":\"" + HEC_TOKEN
                + "\",\"index\":\"main\",\"source\":\"api\"}", 1).get(0);

        assertThat(vendor.path()).isEqualTo("/services/collector/event/1.0");
        assertThat(ours.path()).as("the unversioned alias of the vendor's path").isEqualTo("/services/collector/event");
        assertThat(ours.header("Authorization")).isEqualTo(vendor.header("Authorization")).isEqualTo("Splunk " + HEC_TOKEN);
        eachEventOfBoth(vendor, ours, (v, s) -> {
            List<String> vendorKeys = new ArrayList<>();
            v.fieldNames().forEachRemaining(vendorKeys::add);
            assertThat(vendorKeys).containsExactlyInAnyOrder("time", "host", "source", "sourcetype", "index", "event");
            for (String k : List.of("host", "source", "sourcetype", "index")) {
                assertThat(s.path(k).asText()).as(k).isEqualTo(v.path(k).asText());
            }
            // the client writes time as a string, we as a number: HEC takes both as epoch seconds with a fraction
            assertThat(s.path("time").isNumber()).isTrue();
            assertThat(s.path("time").asDouble()).isCloseTo(Double.parseDouble(v.path("time").asText()), within(0.001));
            assertThat(s.path("event").isObject()).isEqualTo(v.path("event").isObject()).isTrue();
            assertThat(s.path("event").path("message").asText()).isEqualTo(v.path("event").path("message").asText());
        });
    }

    @Test
    void azureLogsIngestionAgreesWithTheAzureSdk() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl CLI is not installed");
        // the SDK sends a bearer token over https only
        TlsFiles tls = TlsFiles.create(dir, "sluice-azure-receiver");
        receiver = new Receiver(Receiver.serverContext(tls), false);
        receiver.handle("/tenant-1/oauth2/v2.0/token", r -> Receiver.Response.of(200,
                "{\"token_type\":\"Bearer\",\"expires_in\":\"3599\",\"access_token\":\"entra-token\"}"));
        receiver.then(Receiver.Response.of(204), Receiver.Response.of(204));
        Receiver.Request vendor = throughVendor("azure", receiver.url(""), Map.of("NODE_EXTRA_CA_CERTS", tls.ca.toString())).get(0);
        Receiver.Request ours = throughSluice("azure_logs_ingestion", "{\"endpoint\":\"" + receiver.url("") + "\",\"rule_id\":\""
                + RULE + "\",\"stream\":\"Custom-SluiceLogs_CL\",\"authority\":\"" + receiver.url("") + "\",\"tenant_id\":\"tenant-1\","
                + "\"client_id\":\"app-1\",\"client_secret\":\"s3cret\",\"tls\":{\"ca_file\":\"" + tls.ca + "\"}}", 1).get(0);

        assertThat(ours.method()).isEqualTo(vendor.method()).isEqualTo("POST");
        // the SDK percent-encodes the query's hyphen (api%2Dversion), an unreserved character: the same URI decoded
        assertThat(decoded(ours.path())).isEqualTo(decoded(vendor.path()))
                .isEqualTo("/dataCollectionRules/" + RULE + "/streams/Custom-SluiceLogs_CL?api-version=2023-01-01");
        assertThat(vendor.header("Authorization")).isEqualTo("Bearer entra-static");
        assertThat(ours.header("Authorization")).isEqualTo("Bearer entra-token");
        assertThat(ours.header("Content-Type")).startsWith("application/json");
        assertThat(vendor.header("Content-Type")).startsWith("application/json");
        assertThat(ours.header("Content-Encoding")).isEqualTo(vendor.header("Content-Encoding")).isEqualTo("gzip");
        JsonNode theirs = JSON.readTree(vendor.body());
        JsonNode mine = JSON.readTree(ours.body());
        assertThat(mine.isArray()).isEqualTo(theirs.isArray()).isTrue();
        assertThat(mine).hasSize(theirs.size());
        for (int i = 0; i < mine.size(); i++) {
            assertThat(Instant.parse(mine.get(i).path("TimeGenerated").asText()))
                    .isEqualTo(Instant.parse(theirs.get(i).path("TimeGenerated").asText()));
            assertThat(mine.get(i).path("message").asText()).isEqualTo(theirs.get(i).path("Message").asText());
        }
    }

    @Test
    void applicationInsightsAgreesWithTheApplicationInsightsSdk() throws Exception {
        receiver = new Receiver();
        String accepted = "{\"itemsReceived\":2,\"itemsAccepted\":2,\"errors\":[]}";
        receiver.then(Receiver.Response.of(200, accepted), Receiver.Response.of(200, accepted));
        List<Receiver.Request> vendorRequests = throughVendor("appinsights", receiver.url("/"), Map.of("APPLICATION_INSIGHTS_NO_STATSBEAT", "true"));
        Receiver.Request ours = throughSluice("application_insights", "{\"connection_string\":\"InstrumentationKey=" + IKEY
                + ";IngestionEndpoint=" + receiver.url("/") + "\"}", vendorRequests.size()).get(0);
        Receiver.Request vendor = vendorRequests.get(0);

        assertThat(ours.path()).isEqualTo(vendor.path()).isEqualTo("/v2.1/track");
        assertThat(ours.header("Content-Encoding")).isEqualTo(vendor.header("Content-Encoding")).isEqualTo("gzip");
        // the SDK streams newline-delimited envelopes (application/x-json-stream), we send one JSON array: the service takes both
        assertThat(vendor.header("Content-Type")).isEqualTo("application/x-json-stream");
        assertThat(ours.header("Content-Type")).startsWith("application/json");
        eachEventOfBoth(vendor, ours, (v, s) -> {
            assertThat(s.path("iKey").asText()).isEqualTo(v.path("iKey").asText()).isEqualTo(IKEY);
            assertThat(s.path("name").asText()).endsWith(".Message");
            assertThat(v.path("name").asText()).endsWith(".Message");
            assertThat(s.path("data").path("baseType").asText()).isEqualTo(v.path("data").path("baseType").asText()).isEqualTo("MessageData");
            JsonNode vb = v.path("data").path("baseData");
            JsonNode sb = s.path("data").path("baseData");
            assertThat(sb.path("ver").asInt()).isEqualTo(vb.path("ver").asInt()).isEqualTo(2);
            assertThat(sb.path("message").asText()).isEqualTo(vb.path("message").asText());
            // the SDK writes SeverityLevel as its number, we as the enum's name (the v2.1 schema's form): the same level
            assertThat(SEVERITY.indexOf(sb.path("severityLevel").asText())).isEqualTo(vb.path("severityLevel").asInt());
            assertThat(s.path("tags").has("ai.cloud.role")).isEqualTo(v.path("tags").has("ai.cloud.role")).isTrue();
        });
    }

    private static String decoded(String path) {
        return java.net.URLDecoder.decode(path, StandardCharsets.UTF_8);
    }

    private static final List<String> SEVERITY = List.of("Verbose", "Information", "Warning", "Error", "Critical");
}
