package io.sluice.api.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.api.event.ContainerFields;
import io.sluice.api.event.KubernetesMetadata;
import io.sluice.api.event.LogEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sluice.api.schema.SchemaV1Decoder.expect;
import static io.sluice.api.schema.SchemaV1Decoder.readNamed;
import static io.sluice.api.schema.SchemaV1Decoder.readStringMap;
import static io.sluice.api.schema.SchemaV1Decoder.text;

/**
 * Reads the container group of one schema v1 record back, as {@link EventEncoder} writes it:
 * {@code container.*}, {@code kubernetes.*} and {@code orchestrator.*}. The three objects may come in
 * any order and together make two parts of the event, the identity from the log path
 * ({@link ContainerFields}) and what the Kubernetes API said ({@link KubernetesMetadata}), so they are
 * collected first and set by {@link #applyTo}.
 *
 * <p>{@code orchestrator.*} repeats what the other two hold (the encoder writes it exactly when the
 * event has Kubernetes metadata), so it is only taken as the sign that there was metadata. The
 * {@code container.id} and {@code container.runtime} the encoder took from the metadata (the path did
 * not tell them) come back in the container identity: encoded again they are the same fields.
 */
final class ContainerGroupReader {
    private String containerId;
    private String containerName;
    private String containerRuntime;
    private String namespace;
    private String podName;
    private String podUid;
    private String kubernetesContainerName;

    private boolean metadata;
    private String nodeName;
    private Map<String, String> labels = Map.of();
    private Map<String, String> annotations = Map.of();
    private Map<String, String> namespaceLabels = Map.of();
    private final List<KubernetesMetadata.Owner> owners = new ArrayList<>(2);
    private String imageName;
    private String imageTag;
    private String imageId;

    /** The value of the top-level key {@code container}. */
    void readContainer(JsonParser p, JsonToken v) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "id" -> containerId = text(p, t);
                case "name" -> containerName = text(p, t);
                case "runtime" -> containerRuntime = text(p, t);
                case "image" -> readImage(p, t);
                default -> p.skipChildren();
            }
        }
    }

    private void readImage(JsonParser p, JsonToken v) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        metadata = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "name" -> imageName = text(p, t);
                case "tag" -> imageTag = text(p, t);
                case "hash" -> {
                    expect(t, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        JsonToken h = p.nextToken();
                        if (p.currentName().equals("all")) imageId = firstOf(p, h);
                        else p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    /** {@code container.image.hash.all} is an array in ECS; Sluice writes the one digest the runtime reports. */
    private static String firstOf(JsonParser p, JsonToken v) throws IOException {
        expect(v, JsonToken.START_ARRAY);
        String first = null;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String s = text(p, p.currentToken());
            if (first == null) first = s;
        }
        return first;
    }

    /** The value of the top-level key {@code kubernetes}. */
    void readKubernetes(JsonParser p, JsonToken v) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "namespace" -> namespace = text(p, t);
                case "pod" -> {
                    expect(t, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String pk = p.currentName();
                        JsonToken pt = p.nextToken();
                        if (pk.equals("name")) podName = text(p, pt);
                        else if (pk.equals("uid")) podUid = text(p, pt);
                        else p.skipChildren();
                    }
                }
                case "container" -> readNamed(p, t, "name", n -> kubernetesContainerName = n);
                case "node" -> {
                    metadata = true;
                    readNamed(p, t, "name", n -> nodeName = n);
                }
                case "labels" -> labels = metadata(readStringMap(p, t));
                case "annotations" -> annotations = metadata(readStringMap(p, t));
                case "namespace_labels" -> namespaceLabels = metadata(readStringMap(p, t));
                default -> {
                    String kind = KubernetesMetadata.ownerKindOfField(k);
                    if (kind == null) {
                        p.skipChildren();
                    } else {
                        // in the order written: from the pod's controller up to the workload
                        metadata = true;
                        readNamed(p, t, "name", n -> owners.add(new KubernetesMetadata.Owner(kind, n)));
                    }
                }
            }
        }
    }

    private Map<String, String> metadata(Map<String, String> map) {
        metadata = true;
        return map;
    }

    /** The value of the top-level key {@code orchestrator}: derived from the rest, so only noted. */
    void readOrchestrator(JsonParser p, JsonToken v) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        p.skipChildren();
        metadata = true;
    }

    /** Sets what was read on the event; nothing when the record had none of the three objects. */
    void applyTo(LogEvent e) {
        ContainerFields c = new ContainerFields(containerId, containerName, containerRuntime, namespace, podName, podUid,
                kubernetesContainerName);
        if (!c.equals(ContainerFields.NONE)) e.container(c);
        if (metadata) {
            e.kubernetes(new KubernetesMetadata(nodeName, labels, annotations, namespaceLabels, owners, imageName, imageTag,
                    imageId, null, null));
        }
    }
}
