package io.sluice.packaging;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built tarball unpacked into a directory, and {@code bin/sluice run} started from it as a real
 * child process with its stdout and stderr in files.
 */
final class Distribution {
    final Path home;

    private Distribution(Path home) {
        this.home = home;
    }

    /** packaging/target/sluice-*.tar.gz, when it has been built. */
    static Optional<Path> tarball() throws IOException {
        Path target = ProjectFiles.path("packaging/target");
        if (!Files.isDirectory(target)) return Optional.empty();
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().matches("sluice-.*\\.tar\\.gz")).findFirst();
        }
    }

    /** The built tarball unpacked into {@code dir}; the test is skipped when it has not been built. */
    static Distribution unpackBuilt(Path dir) throws Exception {
        Path tarball = tarball().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(tarball != null, "no packaging/target/sluice-*.tar.gz: build it with "
                + "./mvnw -q -DskipTests -pl packaging -am package");
        return unpack(tarball, dir);
    }

    static Distribution unpack(Path tarball, Path dir) throws Exception {
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString()).redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).as("tar finished").isTrue();
        assertThat(tar.exitValue()).as("tar: %s", out).isZero();
        try (Stream<Path> s = Files.list(dir)) {
            return new Distribution(s.filter(Files::isDirectory).findFirst().orElseThrow());
        }
    }

    /** A running {@code bin/sluice run -c config}. */
    final class Run implements AutoCloseable {
        final Process process;
        final Path stdout;
        final Path stderr;
        final int adminPort;
        final long startNanos = System.nanoTime();

        private Run(Path config, Path dir, int adminPort, Map<String, String> env) throws IOException {
            this.adminPort = adminPort;
            this.stdout = dir.resolve("stdout.log");
            this.stderr = dir.resolve("stderr.log");
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/sluice").toString(), "run", "-c", config.toString())
                    .directory(dir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            pb.environment().remove("SLUICE_JAVA_OPTS");
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().putAll(env);
            process = pb.start();
        }

        /** Waits for {@code /health/ready} to answer 200; returns the milliseconds since start. */
        long awaitReady() {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .failFast("sluice exited", () -> !process.isAlive())
                    .until(() -> status("/health/ready") == 200);
            return (System.nanoTime() - startNanos) / 1_000_000;
        }

        int status(String path) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + adminPort + path).toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                try {
                    return c.getResponseCode();
                } finally {
                    c.disconnect();
                }
            } catch (IOException e) {
                return -1;
            }
        }

        List<String> stdoutLines() throws IOException {
            return Files.readAllLines(stdout);
        }

        String stderrText() throws IOException {
            return Files.readString(stderr);
        }

        /** SIGTERM, then the exit status (within 30 s). */
        int terminate() throws Exception {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    Run run(Path config, Path dir, int adminPort, Map<String, String> env) throws IOException {
        return new Run(config, dir, adminPort, env);
    }

}
