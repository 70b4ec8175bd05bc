package io.sluice.inputs.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Transform;
import io.sluice.api.plugin.TransformPlugin;
import io.sluice.api.schema.FieldFormats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code type: kubernetes_metadata}: pod labels, annotations, owners, node and image from the
 * Kubernetes API for events that carry a pod identity (the container input's), and per-pod
 * configuration from {@code sluice.io/*} annotations. A transform rather than part of the container
 * input so that any event with a pod identity (a schema v1 event from Kafka, say) gets the same.
 */
public final class KubernetesMetadataPlugin implements TransformPlugin {
    static final Option<String> NODE_NAME = Option.of("node_name", Types.STRING)
            .doc("the node whose pods are watched (field selector `spec.nodeName`); default: the `NODE_NAME` "
                    + "environment variable (set it from the downward API, `fieldRef: spec.nodeName`); an empty value counts as unset; with neither, "
                    + "every pod of the cluster is watched").build();
    static final Option<String> API_SERVER = Option.of("api_server", Types.STRING)
            .check(s -> s.startsWith("https://") || s.startsWith("http://"), "must be an http:// or https:// URL")
            .doc("the API server's URL; default: from the in-cluster environment (`KUBERNETES_SERVICE_HOST`, "
                    + "`KUBERNETES_SERVICE_PORT`) or a kubeconfig").build();
    static final Option<String> TOKEN_FILE = Option.of("token_file", Types.STRING)
            .doc("a file holding the bearer token, read again on each new connection (projected tokens rotate); "
                    + "default: the pod's service account token").build();
    static final Option<String> CA_FILE = Option.of("ca_file", Types.STRING)
            .doc("the CA certificate(s) of the API server, PEM; default: the service account's `ca.crt`").build();
    static final Option<List<String>> LABELS_ALLOW = Option.of("labels_allow", Types.STRING_LIST)
            .defaultValue(List.of("*"))
            .doc("pod label keys to add as `kubernetes.labels.*` (`*` matches any characters: `app.kubernetes.io/*`); "
                    + "dots in keys become `_`").build();
    static final Option<List<String>> ANNOTATIONS_ALLOW = Option.of("annotations_allow", Types.STRING_LIST)
            .defaultValue(List.of())
            .doc("pod annotation keys to add as `kubernetes.annotations.*` (globs as `labels_allow`); none by "
                    + "default, annotations often hold large or sensitive values").build();
    static final Option<List<String>> NAMESPACE_LABELS_ALLOW = Option.of("namespace_labels_allow", Types.STRING_LIST)
            .defaultValue(List.of())
            .doc("namespace label keys to add as `kubernetes.namespace_labels.*`; none by default (each namespace "
                    + "is then read once, which needs `get` on namespaces)").build();
    static final Option<Boolean> POD_CONFIGURATION = Option.of("pod_configuration", Types.BOOL)
            .defaultValue(true)
            .doc("honour the pods' annotations `sluice.io/exclude: \"true\"` (the pod's events are dropped and "
                    + "counted), `sluice.io/format: <format or parser>` (the message is parsed again with a standard "
                    + "format or an entry of `parsers:`) and `sluice.io/multiline: <mode>` (a container input joins the "
                    + "pod's stack traces: `java`, `python`, `go`, `dotnet` or `none`)").build();
    static final Option<Integer> MAX_PODS = Option.of("max_pods", Types.INT)
            .defaultValue(2048)
            .check(n -> n >= 1 && n <= 1_000_000, "must be 1 to 1000000")
            .doc("the most pods remembered; deleted pods are kept for their last lines until this bound, the least "
                    + "recently changed forgotten first").build();

    private static final OptionSpec SPEC = OptionSpec.of("kubernetes_metadata",
            "adds pod labels, annotations, owners (Deployment, StatefulSet, DaemonSet, Job, CronJob), node and image "
                    + "from the Kubernetes API to events with a pod identity; never waits for the API (a pod not known "
                    + "yet is counted in `sluice_kubernetes_metadata_misses_total`)",
            NODE_NAME, API_SERVER, TOKEN_FILE, CA_FILE, LABELS_ALLOW, ANNOTATIONS_ALLOW, NAMESPACE_LABELS_ALLOW,
            POD_CONFIGURATION, MAX_PODS);

    @Override public String type() { return "kubernetes_metadata"; }
    @Override public OptionSpec options() { return SPEC; }

    /** With the standard formats only (no {@code parsers:}) for {@code sluice.io/format}. */
    @Override
    public Transform create(String name, Options o, MeterRegistry meters) {
        return create(name, o, meters, FieldFormats.STANDARD);
    }

    @Override
    public Transform create(String name, Options o, MeterRegistry meters, FieldFormats formats) {
        return create(name, o, meters, formats, true);
    }

    /** @param serverSideSelector see {@link PodWatch}; false only against fabric8's mock API server in CRUD mode */
    static KubernetesMetadataTransform create(String name, Options o, MeterRegistry meters, FieldFormats formats,
                                              boolean serverSideSelector) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig(o))
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
        PodDirectory directory = new PodDirectory(o.get(MAX_PODS));
        PodInfoBuilder builder = new PodInfoBuilder(new KeyAllowList(o.get(LABELS_ALLOW)),
                new KeyAllowList(o.get(ANNOTATIONS_ALLOW)), new KeyAllowList(o.get(NAMESPACE_LABELS_ALLOW)),
                new OwnerResolver(client), new NamespaceLabels(client), o.get(POD_CONFIGURATION), formats);
        String node = o.isSet(NODE_NAME) && !o.get(NODE_NAME).isBlank() ? o.get(NODE_NAME) : blankToNull(System.getenv("NODE_NAME"));
        Counter errors = Counter.builder("sluice.kubernetes.watch.errors").tag("transform", name)
                .description("lists or watches of pods that failed beyond the client's own retries (each tried again)").register(meters);
        PodWatch watch = new PodWatch(client, node, serverSideSelector, builder, directory, errors);
        Gauge.builder("sluice.kubernetes.pods", directory, PodDirectory::size).tag("transform", name)
                .description("pods whose metadata is held").register(meters);
        Counter misses = Counter.builder("sluice.kubernetes.metadata.misses").tag("transform", name)
                .description("events with a pod identity the API had not described (yet): passed without metadata")
                .register(meters);
        Counter excluded = Counter.builder("sluice.kubernetes.metadata.excluded").tag("transform", name)
                .description("events dropped because their pod is annotated sluice.io/exclude: \"true\"").register(meters);
        watch.start();
        return new KubernetesMetadataTransform(directory, watch, misses, excluded);
    }

    static Config clientConfig(Options o) {
        if (!o.isSet(API_SERVER) && !o.isSet(TOKEN_FILE) && !o.isSet(CA_FILE)) {
            return Config.autoConfigure(null); // in-cluster: service account token, CA and API host
        }
        ConfigBuilder b = new ConfigBuilder(o.isSet(API_SERVER) ? Config.empty() : Config.autoConfigure(null));
        if (o.isSet(API_SERVER)) b.withMasterUrl(o.get(API_SERVER));
        if (o.isSet(CA_FILE)) b.withCaCertFile(o.get(CA_FILE));
        if (o.isSet(TOKEN_FILE)) {
            Path token = Path.of(o.get(TOKEN_FILE));
            b.withOauthTokenProvider(() -> read(token));
        }
        return b.build();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file, e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
