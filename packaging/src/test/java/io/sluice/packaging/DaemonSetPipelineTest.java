package io.sluice.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.config.ConfigLoader;
import io.sluice.config.PipelineConfig;
import io.sluice.daemon.Daemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The daemonset recipe's pipeline (packaging/kubernetes/daemonset/pipeline.yaml) run as shipped, but
 * for its Elasticsearch output (a file here), against fabric8's mock API server in CRUD mode, tailing
 * real CRI log files through kubelet-style links: pod metadata arrives, the redact rule masks, a
 * pod annotated {@code sluice.io/exclude: "true"} is dropped, and one annotated
 * {@code sluice.io/multiline: java} has its stack traces joined by the container input (which learns
 * the pod's annotations from the kubernetes_metadata transform through the daemon's wiring). The API server is found the way it is in
 * a cluster, through the client's auto-configuration (here its system properties, as the service
 * account's environment would be).
 */
class DaemonSetPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID_A = "a".repeat(64);
    private static final String ID_B = "b".repeat(64);
    private static final String ID_C = "c".repeat(64);

    @TempDir
    Path dir;

    private KubernetesMockServer server;
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void apiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        String url = server.createClient().getConfiguration().getMasterUrl();
        property(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, url);
        property(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        property(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
    }

    @AfterEach
    void restore() {
        saved.forEach((k, v) -> {
            if (v == null) System.clearProperty(k);
            else System.setProperty(k, v);
        });
        server.destroy();
    }

    @Test
    void metadataRedactionAndTheExcludeAndMultilineAnnotationsOnRealContainerLogs() throws Exception {
        KubernetesClient api = server.createClient();
        api.apps().replicaSets().inNamespace("shop").resource(new ReplicaSetBuilder().withNewMetadata()
                .withName("checkout-5f7").withNamespace("shop").addNewOwnerReference().withKind("Deployment")
                .withName("checkout").withApiVersion("apps/v1").withUid("d-1").withController(true).endOwnerReference()
                .endMetadata().build()).create();
        String checkoutUid = api.pods().inNamespace("shop").resource(pod("checkout-5f7-abc", Map.of("app", "checkout"), Map.of()))
                .create().getMetadata().getUid();
        String chattyUid = api.pods().inNamespace("shop").resource(pod("chatty-5f7-xyz", Map.of("app", "chatty"),
                Map.of("sluice.io/exclude", "true"))).create().getMetadata().getUid();
        Path checkout = containerLog("checkout-5f7-abc", checkoutUid, ID_A);
        Path chatty = containerLog("chatty-5f7-xyz", chattyUid, ID_B);
        String payUid = api.pods().inNamespace("shop").resource(pod("pay-5f7-q1", Map.of("app", "pay"),
                Map.of("sluice.io/multiline", "java"))).create().getMetadata().getUid();
        Path pay = containerLog("pay-5f7-q1", payUid, ID_C);
        Path out = dir.resolve("out.ndjson");

        Daemon daemon = new Daemon(shippedPipelineWritingTo(out));
        daemon.start();
        try {
            // never held back: lines before the watch has listed the pods pass without metadata
            JsonNode enriched = null;
            for (int i = 0; i < 150 && enriched == null; i++) {
                append(checkout, "charged card for alice@example.com, attempt " + i);
                Thread.sleep(200);
                enriched = events(out).stream().filter(e -> e.at("/kubernetes/labels/app").asText().equals("checkout"))
                        .findFirst().orElse(null);
            }
            assertThat(enriched).as("an event with the pod's labels").isNotNull();
            assertThat(enriched.path("message").asText()).startsWith("charged card for [REDACTED:email], attempt ");
            assertThat(enriched.at("/kubernetes/deployment/name").asText()).isEqualTo("checkout");
            assertThat(enriched.at("/kubernetes/namespace").asText()).isEqualTo("shop");
            assertThat(enriched.at("/container/image/name").asText()).isEqualTo("registry.local/shop/checkout");
            assertThat(enriched.at("/labels/cluster").asText()).isEqualTo("default");

            append(chatty, "debug noise nobody wants");
            append(checkout, "last line");
            await().atMost(Duration.ofSeconds(20)).until(() -> events(out).stream()
                    .anyMatch(e -> e.path("message").asText().equals("last line")));
            assertThat(events(out)).as("the excluded pod's line").noneMatch(e -> e.path("message").asText().contains("noise"));
            assertThat(events(out)).as("nothing leaks the address").noneMatch(e -> e.toString().contains("alice@example.com"));

            // lines are not held back until the pod is known: a trace may come unjoined at first, then joined
            JsonNode joined = null;
            for (int i = 0; i < 100 && joined == null; i++) {
                append(pay, "refund " + i + " failed", "java.lang.IllegalStateException: ledger closed",
                        "\tat com.acme.Ledger.post(Ledger.java:12)", "\tat com.acme.Refunds.run(Refunds.java:40)");
                Thread.sleep(300);
                joined = events(out).stream().filter(e -> e.path("message").asText().startsWith("refund ")
                        && e.at("/error/stack_trace").asText().contains("Refunds.java:40")).findFirst().orElse(null);
            }
            assertThat(joined).as("a stack trace joined into one event").isNotNull();
            assertThat(joined.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(joined.at("/error/stack_trace").asText()).isEqualTo("java.lang.IllegalStateException: ledger closed\n"
                    + "\tat com.acme.Ledger.post(Ledger.java:12)\n\tat com.acme.Refunds.run(Refunds.java:40)");
            assertThat(joined.at("/kubernetes/labels/app").asText()).isEqualTo("pay");
        } finally {
            daemon.stop();
        }
    }

    private PipelineConfig shippedPipelineWritingTo(Path out) throws Exception {
        Path source = ProjectFiles.examplePipeline("daemonset");
        ObjectNode root = (ObjectNode) Pipelines.tree(Files.readString(source));
        ObjectNode outputs = root.putObject("outputs");
        outputs.putObject("archive").put("type", "file").put("path", out.toString());
        Map<String, String> env = Map.of(
                "CONTAINER_LOGS", dir.resolve("containers").toString(),
                "SLUICE_DATA_DIR", dir.resolve("data").toString(),
                "SLUICE_ADMIN_LISTEN", "127.0.0.1:0",
                // fabric8's mock API server cannot select pods by spec.nodeName (it indexes metadata only),
                // so here every pod is watched; in a cluster NODE_NAME comes from the downward API
                "NODE_NAME", "");
        return new ConfigLoader(PluginRegistry.load(), env).load(source, Pipelines.YAML.writeValueAsString(root)).config();
    }

    private static Pod pod(String name, Map<String, String> labels, Map<String, String> annotations) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName(name)
                .withLabels(labels).withAnnotations(annotations)
                .addNewOwnerReference().withKind("ReplicaSet").withName("checkout-5f7").withApiVersion("apps/v1")
                .withUid("rs-1").withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("app")
                .withImage("registry.local/shop/checkout:2.1").endContainer().endSpec().build();
    }

    /** A kubelet-style tree: the log under pods/, a link to it in containers/ that the pipeline tails. */
    private Path containerLog(String pod, String uid, String containerId) throws IOException {
        Path file = dir.resolve("pods").resolve("shop_" + pod + "_" + uid).resolve("app").resolve("0.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        Path links = Files.createDirectories(dir.resolve("containers"));
        Files.createSymbolicLink(links.resolve(pod + "_shop_app-" + containerId + ".log"), file);
        return file;
    }

    private static void append(Path file, String... lines) throws IOException {
        StringBuilder cri = new StringBuilder();
        for (String line : lines) cri.append("2026-12-02T10:00:00.000000000Z stdout F ").append(line).append('\n');
        Files.writeString(file, cri, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static List<JsonNode> events(Path out) throws IOException {
        if (!Files.isRegularFile(out)) return List.of();
        return Files.readAllLines(out).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(l, e);
            }
        }).toList();
    }

    private void property(String key, String value) {
        saved.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }
}
