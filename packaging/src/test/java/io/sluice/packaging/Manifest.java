package io.sluice.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** A multi-document Kubernetes manifest file, with the lookups the tests need. */
record Manifest(Path file, List<JsonNode> documents) {
    static Manifest read(Path file) {
        try {
            return parse(file, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Manifests held as text (e.g. rendered by helm), named {@code file} in messages and for relative paths. */
    static Manifest parse(Path file, String yaml) {
        try (MappingIterator<JsonNode> it = Pipelines.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            return new Manifest(file, it.readAll().stream().filter(d -> d != null && !d.isNull() && !d.isEmpty()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " does not parse: " + e.getMessage(), e);
        }
    }

    Optional<JsonNode> find(String kind, String name) {
        return documents.stream()
                .filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
                .findFirst();
    }

    /** DaemonSets, Deployments and StatefulSets. */
    List<JsonNode> workloads() {
        return documents.stream()
                .filter(d -> List.of("DaemonSet", "Deployment", "StatefulSet").contains(d.path("kind").asText()))
                .toList();
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    /** The Sluice container of a pod: the one running the Sluice image. */
    static JsonNode sluiceContainer(JsonNode podSpec) {
        return elements(podSpec.path("containers")).stream()
                .filter(c -> c.path("image").asText().startsWith("sluice"))
                .findFirst().orElseThrow(() -> new AssertionError("no container runs the sluice image"));
    }

    static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /**
     * The container's environment as the process sees it; a value from a Secret or a field
     * reference stands in as a placeholder, since it exists only in the cluster.
     */
    static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode e : elements(container.path("env"))) {
            env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : "from-cluster-" + e.path("name").asText());
        }
        return env;
    }

    /** The volume mounted at {@code mountPath}, or empty. */
    static Optional<JsonNode> mountAt(JsonNode container, String mountPath) {
        return elements(container.path("volumeMounts")).stream()
                .filter(m -> m.path("mountPath").asText().equals(mountPath)).findFirst();
    }

    static JsonNode volume(JsonNode podSpec, String name) {
        return elements(podSpec.path("volumes")).stream().filter(v -> v.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no volume named " + name));
    }

    /** A probe's port as a number, resolving a named container port. */
    static int probePort(JsonNode container, JsonNode probe) {
        JsonNode port = probe.path("httpGet").path("port");
        if (port.isInt()) return port.asInt();
        return elements(container.path("ports")).stream().filter(p -> p.path("name").asText().equals(port.asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port.asText()))
                .path("containerPort").asInt();
    }
}
