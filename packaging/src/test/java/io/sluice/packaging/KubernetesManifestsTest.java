package io.sluice.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.config.OutputConfig;
import io.sluice.config.PipelineConfig;
import io.sluice.core.pipeline.SinkOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sluice.packaging.Manifest.elements;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes recipes in {@code packaging/kubernetes/<shape>/} (kustomize directories): each parses,
 * mounts its pipeline.yaml (the distribution's example for that shape, one copy) through a generated
 * ConfigMap, validates with the container's environment, and points its probes at the admin endpoint
 * that pipeline opens.
 */
class KubernetesManifestsTest {
    private static final long MIB = 1024 * 1024;
    /** Heap the daemon uses besides in-flight bytes and buffers: decoders, batches, clients. */
    private static final long WORKING_SET = 32 * MIB;
    /** Memory outside the heap: metaspace, code cache, thread stacks, direct buffers. */
    private static final long NON_HEAP = 96 * MIB;

    /** The workload manifest of a shape (the kustomization's resource). */
    private static Manifest manifest(String shape) {
        return Manifest.read(ProjectFiles.path("packaging/kubernetes/" + shape + "/sluice.yaml"));
    }

    /** The kustomization of a shape: its resources and the generated ConfigMap of its pipeline. */
    private static JsonNode kustomization(String shape) {
        return Manifest.read(ProjectFiles.path("packaging/kubernetes/" + shape + "/kustomization.yaml")).documents().get(0);
    }

    /** A workload of the file with its Sluice container, the pipeline it mounts, and that pipeline loaded. */
    private record Shape(Manifest manifest, JsonNode workload, JsonNode pod, JsonNode container, String pipelineYaml,
                         Map<String, String> env) {
        static Shape of(String shape) {
            Manifest m = KubernetesManifestsTest.manifest(shape);
            assertThat(m.workloads()).as("workloads in %s", shape).hasSize(1);
            JsonNode workload = m.workloads().get(0);
            JsonNode pod = Manifest.podSpec(workload);
            JsonNode container = Manifest.sluiceContainer(pod);
            List<String> args = elements(container.path("args")).stream().map(JsonNode::asText).toList();
            assertThat(args).as("args").startsWith("run", "-c");
            assertThat(args).as("an edited ConfigMap applies without a restart").contains("--watch-config");
            Path configFile = Path.of(args.get(2));
            JsonNode mount = Manifest.mountAt(container, configFile.getParent().toString())
                    .orElseThrow(() -> new AssertionError("nothing mounted at " + configFile.getParent()));
            JsonNode volume = Manifest.volume(pod, mount.path("name").asText());
            String configMapName = volume.path("configMap").path("name").asText();
            JsonNode generator = elements(kustomization(shape).path("configMapGenerator")).stream()
                    .filter(g -> g.path("name").asText().equals(configMapName)).findFirst()
                    .orElseThrow(() -> new AssertionError("no generated ConfigMap " + configMapName + " for " + shape));
            String key = configFile.getFileName().toString();
            assertThat(elements(generator.path("files")).stream().map(JsonNode::asText))
                    .as("ConfigMap %s has key %s", configMapName, key).contains(key);
            String pipeline = ProjectFiles.read("packaging/kubernetes/" + shape + "/" + key);
            return new Shape(m, workload, pod, container, pipeline, Manifest.environment(container));
        }

        Path source() {
            return manifest.file().resolveSibling("pipeline.yaml");
        }

        PipelineConfig loadedWithStandIns() {
            return Pipelines.withStandIns(source(), pipelineYaml, env);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "sidecar", "aggregator"})
    void everyDocumentParsesAndIsNamed(String shape) {
        Manifest m = manifest(shape);
        assertThat(m.documents()).isNotEmpty();
        for (JsonNode d : m.documents()) {
            assertThat(d.path("apiVersion").asText()).as("apiVersion").isNotEmpty();
            assertThat(d.path("kind").asText()).as("kind").isNotEmpty();
            assertThat(d.path("metadata").path("name").asText()).as("metadata.name of a %s", d.path("kind")).isNotEmpty();
        }
        for (JsonNode w : m.workloads()) {
            JsonNode selector = w.path("spec").path("selector").path("matchLabels");
            JsonNode labels = w.path("spec").path("template").path("metadata").path("labels");
            selector.fields().forEachRemaining(e -> assertThat(labels.path(e.getKey())).as("template label %s", e.getKey())
                    .isEqualTo(e.getValue()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "sidecar", "aggregator"})
    void theKustomizationAppliesTheWorkload(String shape) {
        assertThat(elements(kustomization(shape).path("resources")).stream().map(JsonNode::asText)).containsExactly("sluice.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "sidecar", "aggregator"})
    void theMountedPipelineValidatesWithTheContainersEnvironment(String shape) {
        Shape s = Shape.of(shape);
        PipelineConfig config = Pipelines.validate(s.source(), s.pipelineYaml(), s.env());
        assertThat(config.adminListen()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "sidecar", "aggregator"})
    void probesHitTheAdminEndpointThePipelineOpens(String shape) {
        Shape s = Shape.of(shape);
        PipelineConfig config = s.loadedWithStandIns();
        assertThat(config.adminListen()).as("admin endpoint enabled").isNotNull();
        // The kubelet probes the pod IP: a loopback-only admin endpoint would fail every probe.
        assertThat(config.adminListen().getHostString()).isEqualTo("0.0.0.0");
        int adminPort = config.adminListen().getPort();

        JsonNode c = s.container();
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
        assertThat(Manifest.probePort(c, c.path("livenessProbe"))).isEqualTo(adminPort);
        assertThat(Manifest.probePort(c, c.path("readinessProbe"))).isEqualTo(adminPort);
        if (c.has("startupProbe")) {
            assertThat(c.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
            assertThat(Manifest.probePort(c, c.path("startupProbe"))).isEqualTo(adminPort);
        }
        assertThat(elements(c.path("ports")).stream().map(p -> p.path("containerPort").asInt())).contains(adminPort);
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "sidecar", "aggregator"})
    void theDataDirAndTheTailedFilesAreMounted(String shape) {
        Shape s = Shape.of(shape);
        PipelineConfig config = s.loadedWithStandIns();
        JsonNode data = Manifest.mountAt(s.container(), config.dataDir().toString())
                .orElseThrow(() -> new AssertionError("data_dir " + config.dataDir() + " is not a volume"));
        assertThat(data.path("readOnly").asBoolean(false)).as("data_dir writable").isFalse();

        for (JsonNode input : elements(Pipelines.tree(s.pipelineYaml()).path("inputs"))) {
            for (JsonNode node : elements(input.path("paths"))) {
                String glob = Pipelines.expand(node.asText(), s.env());
                String dir = glob.substring(0, glob.lastIndexOf('/'));
                assertThat(Manifest.mountAt(s.container(), dir)).as("a volume at %s for %s", dir, glob).isPresent();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "sidecar", "aggregator"})
    void resourcesLeaveRoomForTheConfiguredBuffers(String shape) {
        Shape s = Shape.of(shape);
        JsonNode resources = s.container().path("resources");
        for (String kind : List.of("requests", "limits")) {
            assertThat(resources.path(kind).path("cpu").asText()).as("%s.cpu", kind).isNotEmpty();
            assertThat(resources.path(kind).path("memory").asText()).as("%s.memory", kind).isNotEmpty();
        }
        PipelineConfig config = s.loadedWithStandIns();
        long buffers = 0;
        List<OutputConfig> outputs = new ArrayList<>(config.outputs().values());
        if (config.deadLetter() != null) outputs.add(config.deadLetter());
        for (OutputConfig o : outputs) buffers += o.options().get(SinkOptions.BUFFER_BLOCK).get(SinkOptions.BUFFER_MAX_BYTES);
        long heap = maxHeap(s.env().getOrDefault("SLUICE_JAVA_OPTS", ""));
        long limit = quantity(resources.path("limits").path("memory").asText());

        assertThat(heap).as("-Xmx >= in_flight_bytes + every buffer's max_bytes + working set")
                .isGreaterThanOrEqualTo(config.tuning().inFlightBytes() + buffers + WORKING_SET);
        assertThat(limit).as("memory limit >= heap + non-heap").isGreaterThanOrEqualTo(heap + NON_HEAP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "sidecar", "aggregator"})
    void podsStopGracefullyAndRunLockedDown(String shape) {
        Shape s = Shape.of(shape);
        long grace = s.pod().path("terminationGracePeriodSeconds").asLong(30);
        assertThat(grace).as("terminationGracePeriodSeconds > shutdown_timeout")
                .isGreaterThan(s.loadedWithStandIns().shutdownTimeout().toSeconds());
        JsonNode sc = s.container().path("securityContext");
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as("readOnlyRootFilesystem").isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).as("allowPrivilegeEscalation").isFalse();
        assertThat(elements(sc.path("capabilities").path("drop")).stream().map(JsonNode::asText)).contains("ALL");
    }

    @Test
    void theDaemonSetReadsTheNodesContainerLogsAndKeepsCheckpointsOnTheNode() {
        Shape s = Shape.of("daemonset");
        assertThat(s.workload().path("kind").asText()).isEqualTo("DaemonSet");
        for (String hostDir : List.of("/var/log/containers", "/var/log/pods")) {
            JsonNode mount = Manifest.mountAt(s.container(), hostDir)
                    .orElseThrow(() -> new AssertionError(hostDir + " is not mounted"));
            assertThat(mount.path("readOnly").asBoolean()).as("%s read-only", hostDir).isTrue();
            assertThat(Manifest.volume(s.pod(), mount.path("name").asText()).path("hostPath").path("path").asText())
                    .isEqualTo(hostDir);
        }
        Path dataDir = s.loadedWithStandIns().dataDir();
        JsonNode data = Manifest.mountAt(s.container(), dataDir.toString()).orElseThrow();
        assertThat(Manifest.volume(s.pod(), data.path("name").asText()).path("hostPath").path("path").asText())
                .as("checkpoints on a hostPath outlive the pod").isNotEmpty();

        String account = s.pod().path("serviceAccountName").asText();
        assertThat(account).isNotEmpty();
        assertThat(s.manifest().find("ServiceAccount", account)).as("ServiceAccount %s in the file", account).isPresent();
    }

    @Test
    void theSidecarTailsAVolumeTheApplicationWrites() {
        Shape s = Shape.of("sidecar");
        String logDir = "/var/log/app";
        String volume = Manifest.mountAt(s.container(), logDir).orElseThrow().path("name").asText();
        assertThat(Manifest.volume(s.pod(), volume).has("emptyDir")).as("a shared emptyDir").isTrue();
        List<JsonNode> writers = elements(s.pod().path("containers")).stream()
                .filter(c -> c != s.container())
                .filter(c -> elements(c.path("volumeMounts")).stream().anyMatch(m -> m.path("name").asText().equals(volume)
                        && !m.path("readOnly").asBoolean(false)))
                .toList();
        assertThat(writers).as("an application container writing into %s", volume).isNotEmpty();
    }

    @Test
    void theAggregatorIsAStatelessDeploymentConsumingKafka() {
        Shape s = Shape.of("aggregator");
        assertThat(s.workload().path("kind").asText()).isEqualTo("Deployment");
        JsonNode pipeline = Pipelines.tree(s.pipelineYaml());
        assertThat(elements(pipeline.path("inputs")).stream().map(i -> i.path("type").asText())).containsOnly("kafka");
        assertThat(elements(pipeline.path("inputs")).stream().map(i -> i.path("group_id").asText())).doesNotContain("");
    }

    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");

    static long maxHeap(String javaOpts) {
        Matcher m = XMX.matcher(javaOpts);
        long heap = -1;
        while (m.find()) { // the last -Xmx wins, as in the JVM
            long unit = switch (m.group(2).toLowerCase()) {
                case "k" -> 1024L;
                case "m" -> MIB;
                case "g" -> 1024 * MIB;
                default -> 1L;
            };
            heap = Long.parseLong(m.group(1)) * unit;
        }
        assertThat(heap).as("SLUICE_JAVA_OPTS sets -Xmx for the container's memory limit: %s", javaOpts).isPositive();
        return heap;
    }

    /** A Kubernetes memory quantity (binary suffixes) in bytes. */
    static long quantity(String q) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(q);
        assertThat(m.matches()).as("memory quantity %s", q).isTrue();
        long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
            case "Ki" -> 1024L;
            case "Mi" -> MIB;
            default -> 1024 * MIB;
        };
        return Long.parseLong(m.group(1)) * unit;
    }
}
