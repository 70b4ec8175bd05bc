package io.sluice.inputs.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.sluice.api.event.KubernetesMetadata;
import io.sluice.api.event.KubernetesMetadata.Owner;
import io.sluice.api.schema.FieldParser;
import io.sluice.api.schema.FieldFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a pod from the API into a {@link PodInfo}; runs on the watch thread once per pod version. */
final class PodInfoBuilder {
    static final String EXCLUDE = "sluice.io/exclude";
    static final String FORMAT = "sluice.io/format";
    /** The prefix of the annotations that configure Sluice per pod. */
    static final String CONFIGURATION_PREFIX = "sluice.io/";

    private static final Logger LOG = LoggerFactory.getLogger(PodInfoBuilder.class);

    private final KeyAllowList labels;
    private final KeyAllowList annotations;
    private final KeyAllowList namespaceLabelsAllowed;
    private final OwnerResolver owners;
    private final NamespaceLabels namespaceLabels;
    private final boolean podConfiguration;
    /** The standard formats and the config's parsers, one {@link FieldParser} per name shared by the pods naming it. */
    private final FieldFormats formats;

    PodInfoBuilder(KeyAllowList labels, KeyAllowList annotations, KeyAllowList namespaceLabelsAllowed,
                   OwnerResolver owners, NamespaceLabels namespaceLabels, boolean podConfiguration, FieldFormats formats) {
        this.labels = labels;
        this.annotations = annotations;
        this.namespaceLabelsAllowed = namespaceLabelsAllowed;
        this.owners = owners;
        this.namespaceLabels = namespaceLabels;
        this.podConfiguration = podConfiguration;
        this.formats = formats;
    }

    PodInfo build(Pod pod) {
        var meta = pod.getMetadata();
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        Map<String, String> podLabels = labels.filter(meta.getLabels());
        Map<String, String> podAnnotations = annotations.filter(meta.getAnnotations());
        Map<String, String> nsLabels = namespaceLabelsAllowed.filter(
                namespaceLabelsAllowed.isEmpty() ? Map.of() : namespaceLabels.of(meta.getNamespace()));
        List<Owner> chain = owners.owners(pod);

        Map<String, ContainerStatus> statuses = new HashMap<>();
        if (pod.getStatus() != null) {
            addStatuses(statuses, pod.getStatus().getContainerStatuses());
            addStatuses(statuses, pod.getStatus().getInitContainerStatuses());
        }
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec() != null) {
            if (pod.getSpec().getContainers() != null) containers.addAll(pod.getSpec().getContainers());
            if (pod.getSpec().getInitContainers() != null) containers.addAll(pod.getSpec().getInitContainers());
        }
        Map<String, KubernetesMetadata> byContainer = new HashMap<>();
        for (Container c : containers) {
            ContainerStatus s = statuses.get(c.getName());
            ImageRef image = ImageRef.parse(c.getImage());
            String[] runtimeAndId = runtimeAndId(s == null ? null : s.getContainerID());
            byContainer.put(c.getName(), new KubernetesMetadata(node, podLabels, podAnnotations, nsLabels, chain,
                    image.name(), image.tag(), s == null ? null : ImageRef.digest(s.getImageID()), runtimeAndId[1], runtimeAndId[0]));
        }
        KubernetesMetadata podOnly = new KubernetesMetadata(node, podLabels, podAnnotations, nsLabels, chain,
                null, null, null, null, null);

        Map<String, String> all = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        boolean excluded = podConfiguration && "true".equalsIgnoreCase(all.getOrDefault(EXCLUDE, "").trim());
        FieldParser format = podConfiguration ? parser(all.get(FORMAT), meta.getNamespace() + "/" + meta.getName()) : null;
        return new PodInfo(meta.getUid(), meta.getNamespace(), meta.getName(), Map.copyOf(byContainer), podOnly, excluded,
                format, podConfiguration ? configuration(all) : Map.of());
    }

    private FieldParser parser(String name, String pod) {
        if (name == null || name.isBlank()) return null;
        String format = name.trim();
        if (!formats.contains(format)) {
            LOG.warn("pod {}: annotation {}: {} is not a format or parser; {}; its lines are not parsed again", pod, FORMAT,
                    format, formats.describe());
            return null;
        }
        return formats.parser(format);
    }

    /** Only Sluice's own annotations are kept for inputs: others can be large (last-applied-configuration). */
    private static Map<String, String> configuration(Map<String, String> annotations) {
        Map<String, String> mine = new HashMap<>();
        annotations.forEach((k, v) -> {
            if (k.startsWith(CONFIGURATION_PREFIX)) mine.put(k, v);
        });
        return Map.copyOf(mine);
    }

    private static void addStatuses(Map<String, ContainerStatus> into, List<ContainerStatus> statuses) {
        if (statuses != null) for (ContainerStatus s : statuses) into.put(s.getName(), s);
    }

    /** {@code containerd://abc} is runtime {@code containerd}, id {@code abc}. */
    private static String[] runtimeAndId(String containerId) {
        if (containerId == null || containerId.isEmpty()) return new String[2];
        int sep = containerId.indexOf("://");
        return sep < 0 ? new String[] {null, containerId}
                : new String[] {containerId.substring(0, sep), containerId.substring(sep + 3)};
    }
}
