package io.sluice.api.plugin;

import java.util.Map;

/**
 * What the pipeline knows about the pods whose logs an input reads, so that per-pod configuration
 * (the {@code sluice.io/*} annotations) can act where only the input can act: the container input
 * joins a pod's multiline stack traces before its lines become events. A transform that watches the
 * pods ({@code kubernetes_metadata}) implements it; the pipeline hands the first such transform of
 * its current chain to every input as {@link InputContext#pods()}, so an input never imports another
 * plugin. Called from an input's reader thread; implementations answer from memory, never from the
 * network.
 */
@FunctionalInterface
public interface PodLookup {
    /** Knows no pod: every answer is "not known". */
    PodLookup NONE = (namespace, name, uid) -> null;

    /**
     * The pod's {@code sluice.io/*} annotations (empty when it has none, or when per-pod configuration
     * is off), or null when the pod is not known (yet): the caller goes on without and asks again later.
     *
     * @param uid the pod's uid when the caller knows it (a {@code /var/log/pods} path tells it), else null
     */
    Map<String, String> annotations(String namespace, String name, String uid);
}
