package io.sluice.inputs.container;

import io.sluice.api.event.ContainerFields;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Container identity from where the kubelet or Docker put a log file:
 * <ul>
 *   <li>{@code /var/log/containers/<pod>_<namespace>_<container>-<64-hex id>.log}</li>
 *   <li>{@code /var/log/pods/<namespace>_<pod>_<uid>/<container>/<n>.log}</li>
 *   <li>{@code /var/lib/docker/containers/<id>/<id>-json.log}</li>
 * </ul>
 * Runs once per file, so regular expressions are fine here.
 */
final class ContainerPaths {
    private static final Pattern CONTAINERS_LINK =
            Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?)_([a-z0-9]([-a-z0-9]*[a-z0-9])?)_(.+)-([0-9a-f]{64})\\.log");
    private static final Pattern POD_DIR = Pattern.compile("([^_]+)_([^_]+)_([0-9a-fA-F-]{8,})");
    private static final Pattern POD_FILE = Pattern.compile("\\d+\\.log(\\..+)?");
    private static final Pattern DOCKER_FILE = Pattern.compile("([0-9a-f]{64})-json\\.log(\\.\\d+)?");

    private ContainerPaths() {}

    /** The identity the path shows, or null for any other file. */
    static ContainerFields identify(Path path) {
        Path fileName = path.getFileName();
        if (fileName == null) return null;
        String name = fileName.toString();
        Matcher m = CONTAINERS_LINK.matcher(name);
        if (m.matches()) {
            return new ContainerFields(m.group(6), m.group(5), null, m.group(3), m.group(1), null, m.group(5));
        }
        Path parent = path.getParent();
        Path grand = parent == null ? null : parent.getParent();
        if (grand != null && grand.getFileName() != null && POD_FILE.matcher(name).matches()) {
            Matcher pod = POD_DIR.matcher(grand.getFileName().toString());
            if (pod.matches()) {
                String container = parent.getFileName().toString();
                return new ContainerFields(null, container, null, pod.group(1), pod.group(2), pod.group(3), container);
            }
        }
        m = DOCKER_FILE.matcher(name);
        if (m.matches() && parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals(m.group(1))) {
            return new ContainerFields(m.group(1), null, "docker", null, null, null, null);
        }
        return null;
    }
}
