package io.sluice.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import io.sluice.config.PipelineConfig;
import io.sluice.daemon.observability.SluiceObservability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.sluice.packaging.Manifest.elements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart {@code packaging/helm/sluice}, linted and rendered by Helm (helm-java) with its
 * default values and in each mode, checked as a cluster would use it: probes on the admin endpoint
 * the rendered pipeline opens, that pipeline through the real config loader, the token /tap needs,
 * and golden snapshots of the rendered manifests ({@link HelmChart#UPDATE_SNAPSHOTS} rewrites them).
 */
class HelmChartTest {
    /** Each rendering that has a golden snapshot, by name: the values set on top of values.yaml. */
    private static final Map<String, Map<String, String>> SNAPSHOTS = new LinkedHashMap<>();

    static {
        SNAPSHOTS.put("default", Map.of());
        SNAPSHOTS.put("aggregator", Map.of("mode", "aggregator"));
        SNAPSHOTS.put("sidecar", Map.of("mode", "sidecar"));
        SNAPSHOTS.put("aggregator-monitoring", Map.of("mode", "aggregator", "serviceMonitor.enabled", "true",
                "prometheusRule.enabled", "true"));
    }

    private static Manifest render(String mode) {
        return HelmChart.manifest(Map.of("mode", mode));
    }

    /** The pipeline the chart's ConfigMap holds. */
    private static String pipelineOf(Manifest m) {
        JsonNode configMap = m.find("ConfigMap", HelmChart.RELEASE).orElseThrow(() -> new AssertionError("no pipeline ConfigMap"));
        return configMap.path("data").path("pipeline.yaml").asText();
    }

    /** The Sluice container's environment; none in sidecar mode, where the pod is the user's. */
    private static Map<String, String> env(Manifest m) {
        return m.workloads().isEmpty() ? Map.of() : Manifest.environment(container(m));
    }

    private static JsonNode workload(Manifest m) {
        assertThat(m.workloads()).as("workloads").hasSize(1);
        return m.workloads().get(0);
    }

    private static JsonNode container(Manifest m) {
        return Manifest.sluiceContainer(Manifest.podSpec(workload(m)));
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = HelmChart.lint();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(msg -> msg.contains("[ERROR]") || msg.contains("[WARNING]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "aggregator", "sidecar", "aggregator-monitoring"})
    void renderedManifestsMatchTheirSnapshot(String name) {
        String rendered = HelmChart.snapshotText(HelmChart.render(SNAPSHOTS.get(name)));
        if (HelmChart.UPDATE_SNAPSHOTS) HelmChart.writeSnapshot(name, rendered);
        assertThat(rendered).as("helm template (%s) equals %s; after an intended change rerun with -Dsluice.updateSnapshots=true",
                name, HelmChart.snapshot(name)).isEqualTo(HelmChart.readSnapshot(name));
    }

    @Test
    void theDefaultModeIsTheNodeDaemon() {
        assertThat(HelmChart.render(Map.of()).replaceAll("token: \\S+", ""))
                .isEqualTo(HelmChart.render(Map.of("mode", "daemonset")).replaceAll("token: \\S+", ""));
        assertThat(workload(HelmChart.manifest(Map.of())).path("kind").asText()).isEqualTo("DaemonSet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "aggregator", "sidecar"})
    void theDefaultPipelinesAreTheKubernetesRecipes(String mode) {
        JsonNode values = Pipelines.tree(ProjectFiles.read("packaging/helm/sluice/values.yaml"));
        assertThat(values.path(mode).path("config"))
                .as("values %s.config equals packaging/kubernetes/%s/pipeline.yaml", mode, mode)
                .isEqualTo(Pipelines.tree(ProjectFiles.read("packaging/kubernetes/" + mode + "/pipeline.yaml")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "aggregator", "sidecar"})
    void theConfigMapsPipelinePassesTheConfigLoader(String mode) {
        Manifest m = render(mode);
        PipelineConfig config = Pipelines.validate(m.file().resolveSibling("pipeline.yaml"), pipelineOf(m), env(m));
        assertThat(config.outputs()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "aggregator"})
    void probesHitTheAdminEndpointThePipelineOpens(String mode) {
        Manifest m = render(mode);
        JsonNode c = container(m);
        PipelineConfig config = Pipelines.withStandIns(m.file(), pipelineOf(m), Manifest.environment(c));
        assertThat(config.adminListen().getHostString()).as("the kubelet probes the pod IP").isEqualTo("0.0.0.0");
        int adminPort = config.adminListen().getPort();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = probe.equals("readinessProbe") ? "/health/ready" : "/health/live";
            assertThat(c.path(probe).path("httpGet").path("path").asText()).as(probe).isEqualTo(path);
            assertThat(Manifest.probePort(c, c.path(probe))).as("%s port", probe).isEqualTo(adminPort);
        }
        JsonNode service = m.find("Service", HelmChart.RELEASE).orElseThrow();
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(adminPort);
        assertThat(service.path("spec").path("selector")).isEqualTo(workload(m).path("spec").path("selector").path("matchLabels"));

        int otherPort = 9911;
        JsonNode moved = container(HelmChart.manifest(Map.of("mode", mode, "admin.port", String.valueOf(otherPort))));
        assertThat(Pipelines.withStandIns(m.file(), pipelineOf(m), Manifest.environment(moved)).adminListen().getPort())
                .isEqualTo(otherPort);
        assertThat(Manifest.probePort(moved, moved.path("readinessProbe"))).isEqualTo(otherPort);
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "aggregator", "sidecar"})
    void tapAndMetricsRequireTheMountedToken(String mode) {
        Manifest m = render(mode);
        PipelineConfig config = Pipelines.withStandIns(m.file(), pipelineOf(m), env(m));
        Path tokenFile = config.adminTokenFile();
        assertThat(tokenFile).as("admin.token_file set by the chart").isNotNull();
        String secretName = HelmChart.RELEASE + "-admin-token";
        JsonNode secret = m.find("Secret", secretName).orElseThrow(() -> new AssertionError("no token Secret"));
        assertThat(secret.path("data").path(tokenFile.getFileName().toString()).asText()).as("token").hasSizeGreaterThan(40);
        if (mode.equals("sidecar")) return; // the pod is the user's; docs/operations.md shows the mount
        JsonNode c = container(m);
        JsonNode mount = Manifest.mountAt(c, tokenFile.getParent().toString())
                .orElseThrow(() -> new AssertionError("nothing mounted at " + tokenFile.getParent()));
        JsonNode volume = Manifest.volume(Manifest.podSpec(workload(m)), mount.path("name").asText());
        assertThat(volume.path("secret").path("secretName").asText()).isEqualTo(secretName);

        Manifest existing = HelmChart.manifest(Map.of("mode", mode, "admin.token.existingSecret", "ops-token"));
        assertThat(existing.find("Secret", secretName)).as("no Secret generated beside an existing one").isEmpty();
        assertThat(Manifest.volume(Manifest.podSpec(workload(existing)), mount.path("name").asText())
                .path("secret").path("secretName").asText()).isEqualTo("ops-token");

        // Without a token the daemon itself refuses /tap beyond loopback (AdminAccess); the chart sets no token_file.
        Manifest open = HelmChart.manifest(Map.of("mode", mode, "admin.token.enabled", "false"));
        assertThat(Pipelines.withStandIns(m.file(), pipelineOf(open), env(open)).adminTokenFile()).isNull();
        assertThat(open.documents()).noneMatch(d -> d.path("kind").asText().equals("Secret"));
    }

    @Test
    void theDaemonSetReadsTheNodesContainerLogsAndKeepsCheckpointsOnTheNode() {
        Manifest m = render("daemonset");
        JsonNode pod = Manifest.podSpec(workload(m));
        JsonNode c = container(m);
        for (String hostDir : List.of("/var/log/containers", "/var/log/pods")) {
            JsonNode mount = Manifest.mountAt(c, hostDir).orElseThrow(() -> new AssertionError(hostDir + " is not mounted"));
            assertThat(mount.path("readOnly").asBoolean()).as("%s read-only", hostDir).isTrue();
            assertThat(Manifest.volume(pod, mount.path("name").asText()).path("hostPath").path("path").asText()).isEqualTo(hostDir);
        }
        PipelineConfig config = Pipelines.withStandIns(m.file(), pipelineOf(m), Manifest.environment(c));
        JsonNode data = Manifest.mountAt(c, config.dataDir().toString()).orElseThrow();
        assertThat(data.path("readOnly").asBoolean(false)).isFalse();
        assertThat(Manifest.volume(pod, data.path("name").asText()).path("hostPath").path("path").asText()).isEqualTo("/var/lib/sluice");
        assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(elements(c.path("securityContext").path("capabilities").path("drop")).stream().map(JsonNode::asText)).contains("ALL");
        assertThat(pod.path("terminationGracePeriodSeconds").asLong()).isGreaterThan(config.shutdownTimeout().toSeconds());
    }

    @Test
    void theAggregatorScalesWithAnHpaOrAFixedReplicaCount() {
        Manifest m = render("aggregator");
        JsonNode deployment = workload(m);
        assertThat(deployment.path("kind").asText()).isEqualTo("Deployment");
        assertThat(deployment.path("spec").has("replicas")).as("replicas left to the HPA").isFalse();
        JsonNode hpa = m.find("HorizontalPodAutoscaler", HelmChart.RELEASE).orElseThrow();
        assertThat(hpa.path("spec").path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(deployment.path("metadata").path("name").asText());
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isPositive();
        assertThat(Manifest.podSpec(deployment).path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();

        Manifest fixed = HelmChart.manifest(Map.of("mode", "aggregator", "aggregator.autoscaling.enabled", "false"));
        assertThat(workload(fixed).path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(fixed.find("HorizontalPodAutoscaler", HelmChart.RELEASE)).isEmpty();
    }

    @Test
    void sidecarModeRendersOnlyTheConfiguration() {
        Manifest m = render("sidecar");
        assertThat(m.documents().stream().map(d -> d.path("kind").asText())).containsOnly("ConfigMap", "Secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemonset", "aggregator"})
    void rbacGrantsReadingPodsAndNamespacesToTheServiceAccount(String mode) {
        Manifest m = render(mode);
        JsonNode pod = Manifest.podSpec(workload(m));
        String account = pod.path("serviceAccountName").asText();
        assertThat(m.find("ServiceAccount", account)).isPresent();
        JsonNode role = m.find("ClusterRole", HelmChart.RELEASE).orElseThrow();
        JsonNode rule = role.path("rules").get(0);
        // and what kubernetes_metadata reads to name a pod's owner: ReplicaSets (→ Deployment), Jobs (→ CronJob)
        assertThat(role.path("rules").size()).isEqualTo(3);
        assertThat(role.path("rules").get(1).path("apiGroups").get(0).asText()).isEqualTo("apps");
        assertThat(role.path("rules").get(1).path("resources").get(0).asText()).isEqualTo("replicasets");
        assertThat(role.path("rules").get(2).path("apiGroups").get(0).asText()).isEqualTo("batch");
        assertThat(role.path("rules").get(2).path("resources").get(0).asText()).isEqualTo("jobs");
        assertThat(elements(rule.path("resources")).stream().map(JsonNode::asText)).containsExactlyInAnyOrder("pods", "namespaces");
        assertThat(elements(rule.path("verbs")).stream().map(JsonNode::asText)).containsExactlyInAnyOrder("get", "list", "watch");
        JsonNode binding = m.find("ClusterRoleBinding", HelmChart.RELEASE).orElseThrow();
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo(account);
        assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo(HelmChart.NAMESPACE);
        assertThat(pod.path("automountServiceAccountToken").asBoolean()).isTrue();

        Manifest without = HelmChart.manifest(Map.of("mode", mode, "rbac.create", "false"));
        assertThat(without.find("ClusterRole", HelmChart.RELEASE)).isEmpty();
        assertThat(without.find("ClusterRoleBinding", HelmChart.RELEASE)).isEmpty();
        assertThat(Manifest.podSpec(workload(without)).path("automountServiceAccountToken").asBoolean(true))
                .as("no API token without RBAC").isFalse();
    }

    @Test
    void theChartShipsTheGeneratedDashboardAndAlerts() {
        Map<String, String> generated = SluiceObservability.files();
        for (Map.Entry<String, String> file : generated.entrySet()) {
            assertThat(ProjectFiles.read("packaging/helm/sluice/files/" + file.getKey()))
                    .as("packaging/helm/sluice/files/%s equals `sluice dashboards` output; copy it from packaging/observability/", file.getKey())
                    .isEqualTo(file.getValue());
        }
        Manifest m = HelmChart.manifest(Map.of("serviceMonitor.enabled", "true", "prometheusRule.enabled", "true"));
        JsonNode dashboard = m.find("ConfigMap", HelmChart.RELEASE + "-dashboard").orElseThrow();
        assertThat(dashboard.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(Pipelines.tree(dashboard.path("data").path(SluiceObservability.DASHBOARD_FILE).asText()))
                .isEqualTo(Pipelines.tree(generated.get(SluiceObservability.DASHBOARD_FILE)));

        JsonNode rule = m.find("PrometheusRule", HelmChart.RELEASE).orElseThrow();
        assertThat(rule.path("spec")).isEqualTo(Pipelines.tree(generated.get(SluiceObservability.RULES_FILE)));

        JsonNode monitor = m.find("ServiceMonitor", HelmChart.RELEASE).orElseThrow();
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo("admin");
        assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
        assertThat(endpoint.path("authorization").path("credentials").path("name").asText())
                .as("scrapes /metrics with the admin token").isEqualTo(HelmChart.RELEASE + "-admin-token");

        Optional<JsonNode> off = HelmChart.manifest(Map.of("grafanaDashboard.enabled", "false"))
                .find("ConfigMap", HelmChart.RELEASE + "-dashboard");
        assertThat(off).isEmpty();
    }

    @Test
    void theValuesSchemaRefusesWhatCannotWork() {
        assertThatThrownBy(() -> HelmChart.render(Map.of("mode", "statefulset"))).hasMessageContaining("mode");
        assertThatThrownBy(() -> HelmChart.render(Map.of("admin.port", "70000"))).hasMessageContaining("port");
    }
}
