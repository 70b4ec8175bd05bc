package io.sluice.api.otel;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.sluice.api.event.ContainerFields;
import io.sluice.api.event.KubernetesMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the Kubernetes API said about an event's pod ({@link KubernetesMetadata}) as OpenTelemetry
 * resource attributes, by the semantic conventions (docs/otel.md), both ways: {@code k8s.node.name},
 * {@code k8s.<kind>.name} for the owners, {@code k8s.pod.label.<key>}, {@code k8s.pod.annotation.<key>},
 * {@code k8s.namespace.label.<key>}, {@code container.image.name}, {@code container.image.tags},
 * {@code container.image.id}. Label and annotation keys are the ones schema v1 keeps
 * ({@link KubernetesMetadata#keyOf}); a key arriving with dots is kept the same way.
 */
final class KubernetesResource {
    static final String NODE_NAME = "k8s.node.name";
    static final String POD_LABEL_PREFIX = "k8s.pod.label.";
    static final String POD_ANNOTATION_PREFIX = "k8s.pod.annotation.";
    static final String NAMESPACE_LABEL_PREFIX = "k8s.namespace.label.";
    static final String IMAGE_NAME = "container.image.name";
    /** A string array in the semantic conventions; Sluice knows the one tag the pod spec names. */
    static final String IMAGE_TAGS = "container.image.tags";
    static final String IMAGE_ID = "container.image.id";
    private static final String OWNER_PREFIX = "k8s.";
    private static final String OWNER_SUFFIX = ".name";

    private KubernetesResource() {}

    /** Adds the metadata's attributes; {@code container.id} and {@code .runtime} only when the log path did not give them. */
    static void write(KubernetesMetadata k, ContainerFields c, Consumer<KeyValue> add) {
        if (c == null || c.containerId() == null) string(add, OtelKeys.CONTAINER_ID, k.containerId());
        if (c == null || c.containerRuntime() == null) string(add, OtelKeys.CONTAINER_RUNTIME, k.containerRuntime());
        string(add, IMAGE_NAME, k.imageName());
        if (k.imageTag() != null) {
            AnyValue tag = AnyValue.newBuilder().setStringValue(k.imageTag()).build();
            add.accept(AnyValues.keyValue(IMAGE_TAGS, AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(tag)).build()));
        }
        string(add, IMAGE_ID, k.imageId());
        string(add, NODE_NAME, k.nodeName());
        for (KubernetesMetadata.Owner o : k.owners()) string(add, OWNER_PREFIX + o.fieldName() + OWNER_SUFFIX, o.name());
        k.labels().forEach((key, v) -> string(add, POD_LABEL_PREFIX + key, v));
        k.annotations().forEach((key, v) -> string(add, POD_ANNOTATION_PREFIX + key, v));
        k.namespaceLabels().forEach((key, v) -> string(add, NAMESPACE_LABEL_PREFIX + key, v));
    }

    private static void string(Consumer<KeyValue> add, String key, String value) {
        if (value != null) add.accept(AnyValues.keyValue(key, value));
    }

    /** Collects the metadata from one resource's attributes. */
    static final class Reader {
        private boolean any;
        private String nodeName;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private final Map<String, String> namespaceLabels = new LinkedHashMap<>();
        private final List<KubernetesMetadata.Owner> owners = new ArrayList<>(2);
        private String imageName;
        private String imageTag;
        private String imageId;

        /** True when the attribute was one of the metadata's (and is taken). */
        boolean read(KeyValue kv) {
            String key = kv.getKey();
            AnyValue v = kv.getValue();
            if (key.equals(IMAGE_TAGS)) return any = imageTag(v);
            if (!v.hasStringValue()) return false;
            String s = v.getStringValue();
            switch (key) {
                case NODE_NAME -> nodeName = s;
                case IMAGE_NAME -> imageName = s;
                case IMAGE_ID -> imageId = s;
                default -> {
                    if (!prefixed(key, s)) return false;
                }
            }
            return any = true;
        }

        private boolean prefixed(String key, String value) {
            if (key.startsWith(POD_LABEL_PREFIX)) {
                labels.put(KubernetesMetadata.keyOf(key.substring(POD_LABEL_PREFIX.length())), value);
            } else if (key.startsWith(POD_ANNOTATION_PREFIX)) {
                annotations.put(KubernetesMetadata.keyOf(key.substring(POD_ANNOTATION_PREFIX.length())), value);
            } else if (key.startsWith(NAMESPACE_LABEL_PREFIX)) {
                namespaceLabels.put(KubernetesMetadata.keyOf(key.substring(NAMESPACE_LABEL_PREFIX.length())), value);
            } else if (key.startsWith(OWNER_PREFIX) && key.endsWith(OWNER_SUFFIX)
                    && key.length() > OWNER_PREFIX.length() + OWNER_SUFFIX.length()) { // not k8s.name: the two overlap
                String kind = KubernetesMetadata.ownerKindOfField(
                        key.substring(OWNER_PREFIX.length(), key.length() - OWNER_SUFFIX.length()));
                if (kind == null) return false; // k8s.pod.name and the like are the container identity's
                owners.add(new KubernetesMetadata.Owner(kind, value));
            } else {
                return false;
            }
            return true;
        }

        /** The first of the tags (an array by the conventions; a plain string accepted). */
        private boolean imageTag(AnyValue v) {
            if (v.hasStringValue()) {
                imageTag = v.getStringValue();
                return true;
            }
            if (v.hasArrayValue() && v.getArrayValue().getValuesCount() > 0 && v.getArrayValue().getValues(0).hasStringValue()) {
                imageTag = v.getArrayValue().getValues(0).getStringValue();
                return true;
            }
            return false;
        }

        /** The metadata, or null when the resource had none of its attributes. */
        KubernetesMetadata build() {
            if (!any) return null;
            // attribute order is a sender's choice: the chain goes from the controller up (ReplicaSet before Deployment)
            owners.sort(Comparator.comparingInt(o -> KubernetesMetadata.OWNER_KINDS.indexOf(o.kind())));
            return new KubernetesMetadata(nodeName, labels, annotations, namespaceLabels, owners, imageName, imageTag, imageId,
                    null, null);
        }
    }
}
