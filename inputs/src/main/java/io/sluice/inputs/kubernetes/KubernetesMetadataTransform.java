package io.sluice.inputs.kubernetes;

import io.micrometer.core.instrument.Counter;
import io.sluice.api.event.ContainerFields;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.PodLookup;
import io.sluice.api.plugin.Transform;

import java.util.Map;

/**
 * Adds what the API says about an event's pod (found by the pod uid or namespace and name its
 * container identity carries) and applies the pod's {@code sluice.io/*} configuration. Never waits:
 * a pod not known yet is a counted miss and the event goes on with what it has. As a
 * {@link PodLookup} it tells inputs the pods' {@code sluice.io/*} annotations (the container input
 * joins a {@code sluice.io/multiline} pod's stack traces itself, before its lines become events).
 */
final class KubernetesMetadataTransform implements Transform, PodLookup {
    private final PodDirectory directory;
    private final PodWatch watch;
    private final Counter misses;
    private final Counter excluded;

    KubernetesMetadataTransform(PodDirectory directory, PodWatch watch, Counter misses, Counter excluded) {
        this.directory = directory;
        this.watch = watch;
        this.misses = misses;
        this.excluded = excluded;
    }

    @Override
    public boolean apply(LogEvent e) {
        ContainerFields c = e.container();
        if (c == null || (c.kubernetesPodUid() == null && c.kubernetesPodName() == null)) return true;
        PodInfo pod = directory.find(c.kubernetesPodUid(), c.kubernetesNamespace(), c.kubernetesPodName());
        if (pod == null) {
            misses.increment();
            return true;
        }
        if (pod.excluded()) {
            excluded.increment();
            return false;
        }
        e.kubernetes(pod.forContainer(c.kubernetesContainerName()));
        if (pod.format() != null && e.hasMessage()) pod.format().parseInto(e.message(), e);
        return true;
    }

    @Override
    public Map<String, String> annotations(String namespace, String name, String uid) {
        PodInfo pod = directory.find(uid, namespace, name);
        return pod == null ? null : pod.configuration();
    }

    @Override
    public void close() {
        watch.close();
    }
}
