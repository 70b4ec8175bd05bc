package io.sluice.api.event;

/**
 * Container and Kubernetes identity of schema v1 ({@code container.*}, {@code kubernetes.*}).
 * Usually one instance describes a whole file and is shared by every event read from it, so it is
 * immutable.
 */
public record ContainerFields(
        String containerId,
        String containerName,
        String containerRuntime,
        String kubernetesNamespace,
        String kubernetesPodName,
        String kubernetesPodUid,
        String kubernetesContainerName) {

    public static final ContainerFields NONE = new ContainerFields(null, null, null, null, null, null, null);

    /** The best service name this identity offers: the container name, else the Kubernetes container name. */
    public String serviceNameHint() {
        if (kubernetesContainerName != null) return kubernetesContainerName;
        return containerName;
    }
}
