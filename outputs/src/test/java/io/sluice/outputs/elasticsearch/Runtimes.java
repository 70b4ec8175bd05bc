package io.sluice.outputs.elasticsearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a Java runtime of a given version for a service that needs a newer one than the build's. */
final class Runtimes {
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private Runtimes() {}

    /** {@code -Dsluice.es9.java=...} if set, else the newest runtime under /usr/lib/jvm of at least that version. */
    static Optional<Path> atLeast(int major) {
        String explicit = System.getProperty("sluice.es9.java");
        if (explicit != null) return Optional.of(Path.of(explicit));
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return Optional.empty();
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
                    .filter(d -> version(d) >= major)
                    .max(Comparator.comparingInt(Runtimes::version));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int version(Path javaHome) {
        try {
            Matcher m = VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
