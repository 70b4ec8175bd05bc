package io.sluice.api.event;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.Map;

/**
 * What the Kubernetes API says about the pod and container an event came from (the
 * {@code kubernetes_metadata} transform fills it): labels and annotations (already filtered by the
 * allow lists, keys with dots replaced by {@code _} so that {@code app} and
 * {@code app.kubernetes.io/name} can both be fields of one index), the namespace's labels, the node,
 * the owners from the pod up (ReplicaSet then Deployment, Job then CronJob, or one StatefulSet or
 * DaemonSet), and the container's image. One instance describes one container of one pod version and
 * is shared by all its events, so it is immutable.
 *
 * @param owners from the pod's direct controller to the top one, kinds as Kubernetes spells them
 */
public record KubernetesMetadata(
        String nodeName,
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, String> namespaceLabels,
        List<Owner> owners,
        String imageName,
        String imageTag,
        String imageId,
        String containerId,
        String containerRuntime) {

    /** One owner ({@code kind} as in Kubernetes: {@code Deployment}, {@code ReplicaSet}, ...). */
    public record Owner(String kind, String name) {
        /** The owner's schema v1 field: {@code kubernetes.<this>.name}, the kind in lower case (the Beats names). */
        public String fieldName() {
            return kind.toLowerCase(Locale.ROOT);
        }
    }

    /** The owner kinds schema v1 has a field for; others (custom controllers) are left out. */
    public static final List<String> OWNER_KINDS =
            List.of("ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob");

    /**
     * A label or annotation key as schema v1 keeps it: {@code .} replaced by {@code _}, so that a log store
     * that expands dotted names into objects can hold both {@code app} and {@code app.kubernetes.io/name}.
     */
    public static String keyOf(String apiKey) {
        return apiKey.replace('.', '_');
    }

    /** The kind whose {@link Owner#fieldName()} is {@code field} ({@code deployment} → {@code Deployment}), or null. */
    public static String ownerKindOfField(String field) {
        for (String kind : OWNER_KINDS) if (kind.toLowerCase(Locale.ROOT).equals(field)) return kind;
        return null;
    }

    public KubernetesMetadata {
        // sorted, so an event's JSON is the same whatever order the API listed them in
        labels = sorted(labels);
        annotations = sorted(annotations);
        namespaceLabels = sorted(namespaceLabels);
        owners = List.copyOf(owners);
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(m));
    }

    /** The top owner ({@code Deployment} rather than its ReplicaSet), or null for a bare pod. */
    public Owner topOwner() {
        return owners.isEmpty() ? null : owners.get(owners.size() - 1);
    }

    /** The owner of that kind, or null. */
    public String ownerName(String kind) {
        for (Owner o : owners) if (o.kind().equals(kind)) return o.name();
        return null;
    }
}
