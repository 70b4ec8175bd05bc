package io.sluice.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checked-in recipes, found from the project root whichever directory the tests run in. */
final class ProjectFiles {
    private ProjectFiles() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("packaging")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("no project root (a directory with pom.xml and packaging/) above " + dir);
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The deployment shapes: each a kustomize directory under packaging/kubernetes/. */
    static final java.util.List<String> SHAPES = java.util.List.of("daemonset", "sidecar", "aggregator");

    /**
     * The example pipeline of a shape: the Kubernetes recipe's own pipeline.yaml, which the
     * distribution ships as {@code config/<shape>.yaml} (one copy of each).
     */
    static Path examplePipeline(String shape) {
        return path("packaging/kubernetes/" + shape + "/pipeline.yaml");
    }
}
