package io.sluice.inputs.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.HashMap;
import java.util.Map;

/**
 * The labels of each namespace, asked of the API once per namespace and again when a pod of it
 * changes after {@link #REFRESH_NANOS}; runs on the watch thread only. A node sees few namespaces.
 */
final class NamespaceLabels {
    private static final long REFRESH_NANOS = 5L * 60 * 1_000_000_000L;

    private record Known(Map<String, String> labels, long askedAt) {}

    private final KubernetesClient client;
    private final Map<String, Known> known = new HashMap<>();

    NamespaceLabels(KubernetesClient client) {
        this.client = client;
    }

    Map<String, String> of(String namespace) {
        long now = System.nanoTime();
        Known k = known.get(namespace);
        if (k != null && now - k.askedAt() < REFRESH_NANOS) return k.labels();
        try {
            Namespace ns = client.namespaces().withName(namespace).get();
            Map<String, String> labels = ns == null || ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
            known.put(namespace, new Known(labels, now));
            return labels;
        } catch (KubernetesClientException e) {
            return k == null ? Map.of() : k.labels(); // the last answer, or none; asked again on the next change
        }
    }
}
