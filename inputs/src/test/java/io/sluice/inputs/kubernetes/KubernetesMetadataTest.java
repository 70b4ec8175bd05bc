package io.sluice.inputs.kubernetes;

import io.sluice.core.testkit.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.PodLookup;
import io.sluice.api.schema.CaptureMapping;
import io.sluice.api.schema.CaptureType;
import io.sluice.api.schema.FieldFormats;
import io.sluice.api.schema.LineMatcher;
import io.sluice.api.schema.RecordParser;
import io.sluice.api.schema.SchemaField;
import io.sluice.api.plugin.Transform;
import io.sluice.api.schema.EcsTypes;
import io.sluice.api.schema.EventEncoder;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.inputs.container.ContainerInputPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transform against fabric8's own mock API server in CRUD mode, on events read by a real
 * container input from CRI log files under a temporary {@code /var/log/pods}-like tree.
 */
class KubernetesMetadataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UID = "6f1c2b3a-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CollectingInputContext ctx;
    private int seen;

    @AfterEach
    void close() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) cleanup.get(i).close();
    }

    @Test
    void podsCreatedRelabelledAndDeletedWhileLinesAreTailed() throws Exception {
        KubernetesClient api = apiServer(0);
        api.apps().replicaSets().inNamespace("shop").resource(new ReplicaSetBuilder().withNewMetadata()
                .withName("api-7d9").withNamespace("shop")
                .addNewOwnerReference().withKind("Deployment").withName("api").withApiVersion("apps/v1")
                .withUid("d-1").withController(true).endOwnerReference().endMetadata().build()).create();
        String uid = api.pods().inNamespace("shop").resource(pod("shop", "api-7d9-x", "node-1", Map.of(
                "app", "api", "app.kubernetes.io/version", "1.4", "secret-team", "x"),
                Map.of("owner.acme/team", "payments", "kubectl.kubernetes.io/last-applied-configuration", "{...}"))).create()
                .getMetadata().getUid();
        api.pods().inNamespace("shop").resource(pod("shop", "elsewhere", "node-2",
                Map.of("app", "other"), Map.of())).create();
        Transform t = transform(api, "labels_allow: [app, app.kubernetes.io/*]\nannotations_allow: [owner.acme/*]");
        Path log = podLog("shop", "api-7d9-x", uid, "api");
        Path elsewhere = podLog("shop", "elsewhere", api.pods().inNamespace("shop").withName("elsewhere").get().getMetadata().getUid(), "api");
        startTailing();

        JsonNode first = awaitEnriched(t, log, "charged card", e -> e.kubernetes() != null);
        assertThat(first.at("/kubernetes/labels")).isEqualTo(JSON.readTree("{\"app\":\"api\",\"app_kubernetes_io/version\":\"1.4\"}"));
        assertThat(first.at("/kubernetes/annotations")).isEqualTo(JSON.readTree("{\"owner_acme/team\":\"payments\"}"));
        assertThat(first.at("/kubernetes/node/name").asText()).isEqualTo("node-1");
        assertThat(first.at("/kubernetes/replicaset/name").asText()).isEqualTo("api-7d9");
        assertThat(first.at("/kubernetes/deployment/name").asText()).isEqualTo("api");
        assertThat(first.at("/kubernetes/pod/uid").asText()).isEqualTo(uid);
        assertThat(first.at("/container/image/name").asText()).isEqualTo("registry.local:5000/shop/api");
        assertThat(first.at("/container/image/tag").asText()).isEqualTo("1.4");
        assertThat(first.at("/container/image/hash/all/0").asText()).isEqualTo("sha256:abc123");
        assertThat(first.at("/container/id").asText()).isEqualTo("c0ffee");
        assertThat(first.at("/container/runtime").asText()).isEqualTo("containerd");
        assertThat(first.at("/orchestrator")).isEqualTo(JSON.readTree("{\"type\":\"kubernetes\",\"namespace\":\"shop\","
                + "\"resource\":{\"type\":\"pod\",\"name\":\"api-7d9-x\",\"parent\":{\"type\":\"Deployment\"}}}"));
        assertThat(EcsTypes.problems(first)).isEmpty();
        io.sluice.core.testkit.SchemaV1Validator.assertValid(first.toString());
        double missesBefore = misses();
        append(elsewhere, "a pod of another node");
        LogEvent other = next();
        assertThat(t.apply(other)).isTrue();
        assertThat(other.kubernetes()).as("pods of other nodes are not watched").isNull();
        assertThat(misses() - missesBefore).isEqualTo(1);

        api.pods().inNamespace("shop").withName("api-7d9-x").edit(p -> {
            p.getMetadata().getLabels().put("app", "api-v2");
            return p;
        });
        JsonNode relabelled = awaitEnriched(t, log, "after relabel",
                e -> e.kubernetes() != null && "api-v2".equals(e.kubernetes().labels().get("app")));
        assertThat(relabelled.at("/kubernetes/labels/app").asText()).isEqualTo("api-v2");

        api.pods().inNamespace("shop").withName("api-7d9-x").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.pods().inNamespace("shop").withName("api-7d9-x").get() == null);
        Thread.sleep(300); // the watch delivers the deletion
        JsonNode afterDelete = awaitEnriched(t, log, "last words", e -> true);
        assertThat(afterDelete.at("/kubernetes/labels/app").asText()).as("a deleted pod's last lines keep its metadata").isEqualTo("api-v2");
        assertThat(misses() - missesBefore).as("no miss for a deleted pod's lines").isEqualTo(1);
    }

    @Test
    void excludeAndFormatAnnotationsConfigureAPod() throws Exception {
        KubernetesClient api = apiServer(0);
        String noisyUid = api.pods().inNamespace("ops").resource(pod("ops", "noisy", "node-1", Map.of(),
                Map.of("sluice.io/exclude", "true"))).create().getMetadata().getUid();
        String legacyUid = api.pods().inNamespace("ops").resource(pod("ops", "legacy", "node-1", Map.of(),
                Map.of("sluice.io/format", "logfmt"))).create().getMetadata().getUid();
        Transform t = transform(api, "");
        Path noisy = podLog("ops", "noisy", noisyUid, "api");
        Path legacy = podLog("ops", "legacy", legacyUid, "api");
        startTailing();
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("sluice.kubernetes.pods").gauge().value() == 2);

        append(noisy, "debug spam");
        LogEvent spam = next();
        assertThat(t.apply(spam)).as("an excluded pod's line is dropped").isFalse();
        assertThat(meters.get("sluice.kubernetes.metadata.excluded").counter().count()).isEqualTo(1);

        append(legacy, "level=warn msg=\"queue deep\" depth=900");
        LogEvent parsed = next();
        assertThat(t.apply(parsed)).isTrue();
        assertThat(parsed.message()).isEqualTo("queue deep");
        assertThat(parsed.level().text()).isEqualTo("warn");
        assertThat(parsed.attributes().toJson()).contains("\"depth\":\"900\"");
    }

    @Test
    void multilineAnnotationJoinsAPodsStackTracesOnceThePodIsKnownWithoutHoldingLinesBefore() throws Exception {
        KubernetesClient api = apiServer(0);
        KubernetesMetadataTransform t = transform(api, "");
        Path log = podLog("shop", "checkout", UID, "api");
        startTailing(t, "");

        List<LogEvent> before = traceEvents(log);
        assertThat(before).as("the pod is not known yet: lines flow unjoined, not held back").hasSize(JAVA_TRACE.length);
        assertThat(before.get(2).message()).isEqualTo("\tat com.acme.Pay.charge(Pay.java:42)");

        api.pods().inNamespace("shop").resource(pod("shop", "checkout", "node-1", Map.of(),
                Map.of("sluice.io/multiline", "java"))).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("sluice.kubernetes.pods").gauge().value() == 1);
        List<LogEvent> joined = awaitTrace(log, events -> events.size() == 2);
        assertJoined(joined);
        assertThat(joined.get(1).errorStackTrace()).isNull();
        assertJoined(traceEvents(log)); // and stays joined
    }

    @Test
    void aPodsMultilineAnnotationWinsOverTheInputsAndAnUnknownValueLeavesTheInputsRule() throws Exception {
        KubernetesClient api = apiServer(0);
        api.pods().inNamespace("ops").resource(pod("ops", "plain", "node-1", Map.of(),
                Map.of("sluice.io/multiline", "none"))).create();
        api.pods().inNamespace("ops").resource(pod("ops", "legacy", "node-1", Map.of(),
                Map.of("sluice.io/multiline", "cobol"))).create();
        KubernetesMetadataTransform t = transform(api, "");
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("sluice.kubernetes.pods").gauge().value() == 2);
        Path plain = podLog("ops", "plain", UID, "api");
        Path legacy = podLog("ops", "legacy", "6f1c2b3a-0000-4000-8000-000000000002", "api");
        startTailing(t, ", \"multiline\": {\"mode\": \"java\"}");

        assertThat(awaitTrace(plain, events -> events.size() == JAVA_TRACE.length))
                .as("sluice.io/multiline: none turns the input's joining off for the pod").hasSize(JAVA_TRACE.length);
        assertJoined(traceEvents(legacy));
    }

    @Test
    void formatAnnotationMayNameAParserOfTheConfig() throws Exception {
        KubernetesClient api = apiServer(0);
        String uid = api.pods().inNamespace("ops").resource(pod("ops", "auditor", "node-1", Map.of(),
                Map.of("sluice.io/format", "audit"))).create().getMetadata().getUid();
        RecordParser audit = new RecordParser("audit",
                LineMatcher.regex("^AUDIT (?P<level>[a-z]+) user=(?P<user>\\S+) action=(?P<action>\\S+)$"),
                Map.of("level", new CaptureMapping(SchemaField.byPath("log.level"), CaptureType.LEVEL, null)), "audit");
        KubernetesMetadataTransform t = transform(api.getConfiguration().getMasterUrl(), "",
                FieldFormats.withParsers(Map.of("audit", audit)), false);
        Path log = podLog("ops", "auditor", uid, "api");
        startTailing();
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("sluice.kubernetes.pods").gauge().value() == 1);

        append(log, "AUDIT warn user=ana action=delete");
        LogEvent e = next();
        assertThat(t.apply(e)).isTrue();
        assertThat(e.level().text()).isEqualTo("warn");
        assertThat(e.attributes().toJson()).contains("\"user\":\"ana\"", "\"action\":\"delete\"");

        append(log, "a line the parser does not read");
        LogEvent other = next();
        assertThat(t.apply(other)).isTrue();
        assertThat(other.message()).isEqualTo("a line the parser does not read");
        assertThat(other.hasTag(io.sluice.api.event.Tags.PARSE_FAILED)).isTrue();
    }

    /**
     * The watch asks the API server for this node's pods only. fabric8's mock server in CRUD mode
     * cannot answer a {@code spec.nodeName} field selector (it indexes metadata fields only), so this
     * one test uses its expectations mode: the listing with the selector holds node-1's pod, the one
     * without holds node-2's pod too; a watch that did not send the selector would know both.
     */
    @Test
    void theWatchAsksForThisNodesPodsOnly() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        cleanup.add(server::destroy);
        Pod here = withUid(pod("shop", "here", "node-1", Map.of("app", "here"), Map.of()), "uid-here");
        Pod there = withUid(pod("shop", "there", "node-2", Map.of("app", "there"), Map.of()), "uid-there");
        server.expect().get().withPath("/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1&resourceVersion=0")
                .andReturn(200, new PodListBuilder().withNewMetadata().withResourceVersion("5").endMetadata()
                        .withItems(here).build()).always();
        server.expect().get().withPath("/api/v1/pods?resourceVersion=0")
                .andReturn(200, new PodListBuilder().withNewMetadata().withResourceVersion("5").endMetadata()
                        .withItems(here, there).build()).always();
        KubernetesMetadataTransform t = transform("http://127.0.0.1:" + server.getPort(), "", FieldFormats.STANDARD, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> t.annotations("shop", "here", null) != null);
        Thread.sleep(300); // a listing of every node's pods would have been read by now too
        assertThat(t.annotations("shop", "there", null)).as("a pod of node-2").isNull();
        assertThat(meters.get("sluice.kubernetes.pods").gauge().value()).isEqualTo(1);
    }

    private static Pod withUid(Pod pod, String uid) {
        pod.getMetadata().setUid(uid);
        pod.getMetadata().setResourceVersion("5");
        return pod;
    }

    /** Writes traces until {@code done} holds for the events one became (the file asks for its pod again each second). */
    private List<LogEvent> awaitTrace(Path log, java.util.function.Predicate<List<LogEvent>> done) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            List<LogEvent> events = traceEvents(log);
            if (done.test(events)) return events;
            Thread.sleep(200);
        }
        throw new AssertionError("the trace was never split into events as expected within 30s");
    }

    @Test
    void apiDownAtStartEventsFlowWithoutMetadataUntilItIsUpAndAfterTheWatchIsDroppedItResumes() throws Exception {
        int port = FreePorts.one();
        Transform t = transform("http://127.0.0.1:" + port, "");
        // the uid the path shows is not the mock server's (it makes its own): found by namespace and name
        Path log = podLog("shop", "cart-0", UID, "cart");
        startTailing();

        append(log, "before the API is up");
        LogEvent early = next();
        assertThat(t.apply(early)).as("never held back").isTrue();
        assertThat(early.kubernetes()).isNull();
        assertThat(early.container().kubernetesPodName()).as("what the path tells is kept").isEqualTo("cart-0");
        assertThat(misses()).isEqualTo(1);

        Started first = started(port);
        KubernetesClient api = first.server.createClient();
        api.pods().inNamespace("shop").resource(pod("shop", "cart-0", "node-1", Map.of("app", "cart"), Map.of())).create();
        JsonNode up = awaitEnriched(t, log, "API is up", e -> e.kubernetes() != null);
        assertThat(up.at("/kubernetes/labels/app").asText()).isEqualTo("cart");

        // the API server goes away (the watch drops) and a new one comes up on the same address: the
        // informer reconnects and sees the pod change there; a change is made until the watch delivers one
        cleanup.remove(first.cleanup);
        first.server.destroy();
        api.close();
        KubernetesMockServer second = startServer(port);
        KubernetesClient api2 = second.createClient();
        api2.pods().inNamespace("shop").resource(pod("shop", "cart-0", "node-1", Map.of("app", "cart"), Map.of())).create();
        int[] edits = {0};
        JsonNode resumed = awaitEnriched(t, log, "watch resumed", e -> {
            if (e.kubernetes() != null && "cart-after-restart".equals(e.kubernetes().labels().get("app"))) return true;
            api2.pods().inNamespace("shop").withName("cart-0").edit(p -> {
                p.getMetadata().getLabels().put("app", "cart-after-restart");
                p.getMetadata().getLabels().put("edit", Integer.toString(++edits[0]));
                return p;
            });
            return false;
        });
        assertThat(resumed.at("/kubernetes/labels/app").asText()).isEqualTo("cart-after-restart");
    }

    // ---- helpers

    private KubernetesClient apiServer(int port) {
        return startServer(port).createClient();
    }

    private KubernetesMockServer startServer(int port) {
        return started(port).server;
    }

    private record Started(KubernetesMockServer server, AutoCloseable cleanup) {}

    private Started started(int port) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        AutoCloseable stop = server::destroy;
        cleanup.add(stop);
        return new Started(server, stop);
    }

    private KubernetesMetadataTransform transform(KubernetesClient api, String moreYaml) throws IOException {
        return transform(api.getConfiguration().getMasterUrl(), moreYaml, FieldFormats.STANDARD, false);
    }

    private KubernetesMetadataTransform transform(String url, String moreYaml) throws IOException {
        return transform(url, moreYaml, FieldFormats.STANDARD, false);
    }

    /**
     * @param serverSideSelector false against the mock server in CRUD mode, which indexes metadata fields
     *                           only: there the node is filtered on this side
     */
    private KubernetesMetadataTransform transform(String url, String moreYaml, FieldFormats formats,
                                                  boolean serverSideSelector) throws IOException {
        var yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        JsonNode node = yaml.readTree("api_server: " + url + "\nnode_name: node-1\n" + moreYaml);
        OptionSpec.Binding b = new KubernetesMetadataPlugin().options().bind(node);
        assertThat(b.problems()).isEmpty();
        KubernetesMetadataTransform t = KubernetesMetadataPlugin.create("k8s", b.options(), meters, formats, serverSideSelector);
        cleanup.add(t::close);
        return t;
    }

    static Pod pod(String ns, String name, String node, Map<String, String> labels, Map<String, String> annotations) {
        String container = name.equals("cart-0") ? "cart" : "api";
        return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name)
                .withLabels(new HashMap<>(labels)).withAnnotations(new HashMap<>(annotations))
                .addNewOwnerReference().withKind("ReplicaSet").withName("api-7d9").withApiVersion("apps/v1").withUid("rs-1")
                .withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName(container)
                .withImage("registry.local:5000/shop/api:1.4").endContainer().endSpec()
                .withNewStatus().addNewContainerStatus().withName(container)
                .withImageID("registry.local:5000/shop/api@sha256:abc123").withContainerID("containerd://c0ffee")
                .endContainerStatus().endStatus().build();
    }

    private Path podLog(String ns, String pod, String uid, String container) throws IOException {
        Path d = dir.resolve("pods").resolve(ns + "_" + pod + "_" + uid).resolve(container);
        Files.createDirectories(d);
        Path f = d.resolve("0.log");
        Files.writeString(f, "");
        return f;
    }

    private void startTailing() throws Exception {
        startTailing(PodLookup.NONE, "");
    }

    /** Tails the pod logs, asking {@code pods} for their annotations as a pipeline's input would; {@code more}: options. */
    private void startTailing(PodLookup pods, String more) throws Exception {
        ctx = new CollectingInputContext("pods", dir.resolve("data"));
        ctx.pods(pods);
        var b = new ContainerInputPlugin().options().bind(JSON.readTree(
                "{\"paths\": [\"" + dir.resolve("pods") + "/**/*.log\"], \"format\": \"cri\", \"flush_timeout\": \"200ms\"" + more + "}"));
        assertThat(b.problems()).isEmpty();
        Input in = new ContainerInputPlugin().create("pods", b.options());
        in.start(ctx);
        cleanup.add(() -> {
            in.stop();
            in.awaitStop(Duration.ofSeconds(10));
        });
    }

    private static void append(Path file, String... lines) throws IOException {
        StringBuilder cri = new StringBuilder();
        for (String line : lines) cri.append("2026-12-02T10:00:00.000000000Z stdout F ").append(line).append('\n');
        Files.writeString(file, cri, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** A logged failure with its Java stack trace, then a line of the next event. */
    private static final String[] JAVA_TRACE = {
            "payment failed",
            "java.lang.IllegalStateException: card declined",
            "\tat com.acme.Pay.charge(Pay.java:42)",
            "\tat com.acme.Api.post(Api.java:7)",
            "Caused by: java.io.IOException: timeout",
            "\t... 2 more",
            "next request served"};

    /** Writes {@link #JAVA_TRACE} and returns the events it became, up to and including the next request's. */
    private List<LogEvent> traceEvents(Path log) throws IOException {
        append(log, JAVA_TRACE);
        List<LogEvent> events = new ArrayList<>();
        do {
            events.add(next());
        } while (!events.get(events.size() - 1).message().equals("next request served"));
        return events;
    }

    private static void assertJoined(List<LogEvent> events) {
        assertThat(events).hasSize(2);
        LogEvent trace = events.get(0);
        assertThat(trace.message()).isEqualTo("payment failed");
        assertThat(trace.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(trace.errorMessage()).isEqualTo("card declined");
        assertThat(trace.errorStackTrace()).isEqualTo(String.join("\n", java.util.Arrays.copyOfRange(JAVA_TRACE, 1, 6)));
    }

    private LogEvent next() {
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() > seen);
        return ctx.events().get(seen++);
    }

    /** Appends lines until one, transformed, satisfies {@code done}; returns its schema v1 JSON. */
    private JsonNode awaitEnriched(Transform t, Path log, String message, java.util.function.Predicate<LogEvent> done) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            append(log, message);
            LogEvent e = next();
            assertThat(t.apply(e)).isTrue();
            if (done.test(e)) return JSON.readTree(new EventEncoder().encode(finish(e)));
            Thread.sleep(200);
        }
        throw new AssertionError("no event was enriched as expected within 30s");
    }

    private static LogEvent finish(LogEvent e) {
        if (e.hostName() == null) e.hostName("node-1");
        if (e.serviceName() == null) e.serviceName("api");
        return e;
    }

    private double misses() {
        return meters.get("sluice.kubernetes.metadata.misses").counter().count();
    }
}
