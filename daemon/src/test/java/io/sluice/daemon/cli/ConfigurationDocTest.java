package io.sluice.daemon.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md is exactly what {@code sluice config-reference} prints, byte for byte.
 * The command runs in a child JVM on the main class path only: the test class path also registers
 * test plugins (the daemon tests' {@code gate} output), which the shipped reference does not list.
 */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("../docs/configuration.md");

    @Test
    void theConfigurationReferenceIsWhatTheCliPrints() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-cp", mainClassPath(), Main.class.getName(), "config-reference")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] printed = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        assertThat(new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale; regenerate it: ./sluice config-reference > docs/configuration.md")
                .isEqualTo(new String(printed, StandardCharsets.UTF_8));
    }

    /** The test class path without test classes and test jars. */
    private static String mainClassPath() {
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("-tests.jar"))
                .collect(Collectors.toList());
        return String.join(File.pathSeparator, entries);
    }
}
