package io.sluice.daemon.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built distribution, used as an operator would: unpack the tarball into an empty directory,
 * start {@code bin/sluice run}, send an event, read it on stdout, see {@code /health/ready}, stop
 * with SIGTERM and expect exit status 0. Skips when the tarball has not been built (this test does
 * not build it): {@code ./mvnw -q -DskipTests -pl packaging -am package}.
 *
 * <p>It also writes the distribution's time to ready and idle RSS to
 * {@code target/distribution-footprint.txt}: measurements for the docs, not assertions.
 */
class DistributionSmokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void unpackedTarballRunsAPipelineAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path tarball = tarball().orElse(null);
        assumeTrue(tarball != null, "no packaging/target/sluice-*.tar.gz: build it with "
                + "./mvnw -q -DskipTests -pl packaging -am package");
        run(List.of("tar", "-xzf", tarball.toString(), "-C", dir.toString()));
        Path home;
        try (Stream<Path> s = Files.list(dir)) {
            home = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(home.resolve("bin/sluice")).isExecutable();
        for (String shipped : List.of("config/sidecar.yaml", "config/daemonset.yaml", "config/aggregator.yaml",
                "systemd/sluice.service", "kubernetes/daemonset.yaml", "docs/operations.md")) {
            assertThat(home.resolve(shipped)).as("the distribution ships %s", shipped).isRegularFile();
        }

        int tcpPort = freePort();
        int adminPort = freePort();
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, """
                data_dir: ${SLUICE_DATA_DIR}
                admin: {listen: "127.0.0.1:%d"}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d", format: auto}
                outputs:
                  console: {type: stdout, format: json}
                """.formatted(adminPort, tcpPort));
        Path stdout = dir.resolve("stdout.log");
        Path stderr = dir.resolve("stderr.log");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/sluice").toString(), "run", "-c", config.toString())
                .directory(dir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SLUICE_DATA_DIR", dir.resolve("data").toString());
        pb.environment().remove("SLUICE_JAVA_OPTS");

        long startNanos = System.nanoTime();
        Process sluice = pb.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .failFast("sluice exited: " + Files.readString(stderr), () -> !sluice.isAlive())
                    .until(() -> status(adminPort, "/health/ready") == 200);
            long readyMillis = (System.nanoTime() - startNanos) / 1_000_000;

            try (Socket s = new Socket("127.0.0.1", tcpPort); OutputStream out = s.getOutputStream()) {
                out.write("{\"level\":\"warn\",\"message\":\"disk low\",\"service\":\"api\"}\n".getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(stdout).contains("disk low"));
            JsonNode event = JSON.readTree(Files.readAllLines(stdout).stream().filter(l -> l.contains("disk low")).findFirst().orElseThrow());
            assertThat(event.path("message").asText()).isEqualTo("disk low");
            assertThat(event.path("log").path("level").asText()).isEqualTo("warn");
            assertThat(event.path("service").path("name").asText()).isEqualTo("api");
            assertThat(status(adminPort, "/health/live")).isEqualTo(200);

            Thread.sleep(2000); // let the JVM settle before reading its idle footprint
            long rssKib = rssKib(sluice.pid());
            Files.writeString(ProjectFiles.path("packaging/target/distribution-footprint.txt"),
                    "time to ready: %d ms%nidle RSS: %d KiB (%.1f MiB)%njava: %s%n".formatted(readyMillis, rssKib,
                            rssKib / 1024.0, System.getProperty("java.version")));

            sluice.destroy(); // SIGTERM
            assertThat(sluice.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
            assertThat(sluice.exitValue()).as("exit status after SIGTERM; stderr:%n%s", Files.readString(stderr)).isZero();
            assertThat(Files.readString(stderr)).contains("every accepted event was delivered");
        } finally {
            if (sluice.isAlive()) {
                sluice.destroyForcibly();
                sluice.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Optional<Path> tarball() throws IOException {
        Path target = ProjectFiles.path("packaging/target");
        if (!Files.isDirectory(target)) return Optional.empty();
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().matches("sluice-.*\\.tar\\.gz")).findFirst();
        }
    }

    private static int status(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
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

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", cmd, out).isZero();
    }
}
