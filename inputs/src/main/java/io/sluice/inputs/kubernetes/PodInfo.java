package io.sluice.inputs.kubernetes;

import io.sluice.api.event.KubernetesMetadata;
import io.sluice.api.schema.FieldParser;

import java.util.Map;

/**
 * One pod version as the transform uses it: metadata per container (image differs by container), the
 * pod's own metadata for an event that names no container, and the per-pod configuration its
 * {@code sluice.io/*} annotations give.
 *
 * @param format        the parser a {@code sluice.io/format} annotation names, or null
 * @param configuration the pod's {@code sluice.io/*} annotations (empty with {@code pod_configuration: false}),
 *                      for inputs that apply them (see {@link io.sluice.api.plugin.PodLookup})
 */
record PodInfo(String uid, String namespace, String name, Map<String, KubernetesMetadata> containers,
               KubernetesMetadata pod, boolean excluded, FieldParser format, Map<String, String> configuration) {

    KubernetesMetadata forContainer(String containerName) {
        if (containerName == null) return pod;
        KubernetesMetadata m = containers.get(containerName);
        return m == null ? pod : m;
    }
}
