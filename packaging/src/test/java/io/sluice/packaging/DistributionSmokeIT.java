package io.sluice.packaging;

import io.sluice.core.testkit.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built distribution, used as an operator would: unpack the tarball into an empty directory,
 * start {@code bin/sluice run}, send events, read them on stdout, see {@code /health/ready}, stop
 * with SIGTERM and expect exit status 0. Runs after {@code package} ({@code mvn verify}); skips when
 * the tarball has not been built (it does not build it): {@code ./mvnw -q -DskipTests -pl packaging -am package}.
 *
 * <p>It also writes the distribution's time to ready and idle RSS (launcher defaults) to
 * {@code target/distribution-footprint.txt}: measurements for the docs, not assertions.
 */
class DistributionSmokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Distribution dist;

    @BeforeEach
    void unpack() throws Exception {
        Path tarball = Distribution.tarball().orElse(null);
        assumeTrue(tarball != null, "no packaging/target/sluice-*.tar.gz: build it with "
                + "./mvnw -q -DskipTests -pl packaging -am package");
        Path unpacked = Files.createDirectory(dir.resolve("unpacked"));
        dist = Distribution.unpack(tarball, unpacked);
    }

    @Test
    void shipsTheLauncherTheExamplesAndTheRecipes() {
        assertThat(dist.home.resolve("bin/sluice")).isExecutable();
        for (String shipped : List.of("config/sidecar.yaml", "config/daemonset.yaml", "config/aggregator.yaml",
                "systemd/sluice.service", "kubernetes/daemonset/kustomization.yaml", "kubernetes/daemonset/sluice.yaml", "docs/operations.md",
                "helm/sluice/Chart.yaml", "helm/sluice/values.schema.json", "helm/sluice/files/sluice-dashboard.json")) {
            assertThat(dist.home.resolve(shipped)).as("the distribution ships %s", shipped).isRegularFile();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sidecar.yaml", "daemonset.yaml", "aggregator.yaml"})
    void sluiceValidateAcceptsEveryShippedExample(String name) throws Exception {
        Path example = dist.home.resolve("config/" + name);
        List<String> missing = Pipelines.missingTypes(Pipelines.tree(Files.readString(example)));
        assumeTrue(missing.isEmpty(), "config/" + name + " needs plugin types not registered yet: " + missing);

        ProcessBuilder pb = new ProcessBuilder(dist.home.resolve("bin/sluice").toString(), "validate", "-c", example.toString())
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(ExampleConfigsTest.SECRETS);
        Process validate = pb.start();
        String out = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.waitFor(60, TimeUnit.SECONDS)).as("sluice validate finished").isTrue();
        assertThat(validate.exitValue()).as(out).isZero();
        assertThat(out).contains("valid");
    }

    /** A pipeline from a TCP listener to JSON lines on stdout, written to the test's directory. */
    private Path tcpToStdout(int adminPort, int tcpPort) throws Exception {
        return Files.writeString(dir.resolve("pipeline.yaml"), """
                data_dir: ${SLUICE_DATA_DIR}
                admin: {listen: "127.0.0.1:%d"}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d", format: auto}
                outputs:
                  console: {type: stdout, format: json}
                """.formatted(adminPort, tcpPort));
    }

    @Test
    void anOutOfMemoryErrorIsReportedOnStderrAndNeverInTheEventStream() throws Exception {
        int adminPort = FreePorts.one();
        Path config = tcpToStdout(adminPort, 0);
        // a heap far too small to start the pipeline in: the JVM runs out of memory while starting (the
        // daemon starts in 4-6 MiB of heap since it no longer opens every jar's index, so 6 MiB no longer was)
        try (Distribution.Run sluice = dist.run(config, dir, adminPort, Map.of("SLUICE_DATA_DIR", dir.resolve("data").toString(),
                "SLUICE_JAVA_OPTS", "-Xmx3m"))) {
            assertThat(sluice.process.waitFor(60, TimeUnit.SECONDS)).as("exited on OutOfMemoryError").isTrue();
            assertThat(sluice.process.exitValue()).as("ExitOnOutOfMemoryError's status").isEqualTo(3);
            assertThat(sluice.stderrText()).contains("java.lang.OutOfMemoryError");
            assertThat(String.join("\n", sluice.stdoutLines())).as("stdout is the event stream").doesNotContain("OutOfMemoryError");
        }
    }

    @Test
    void runsATcpToStdoutPipelineAndStopsCleanlyOnSigterm() throws Exception {
        int[] ports = FreePorts.distinct(2);
        int tcpPort = ports[0];
        int adminPort = ports[1];
        Path config = tcpToStdout(adminPort, tcpPort);
        try (Distribution.Run sluice = dist.run(config, dir, adminPort, Map.of("SLUICE_DATA_DIR", dir.resolve("data").toString()))) {
            long readyMillis = sluice.awaitReady();

            try (Socket s = new Socket("127.0.0.1", tcpPort); OutputStream out = s.getOutputStream()) {
                out.write("{\"level\":\"warn\",\"message\":\"disk low\",\"service\":\"api\"}\n".getBytes(StandardCharsets.UTF_8));
            }
            JsonNode event = awaitEvent(sluice, "disk low");
            assertThat(event.path("log").path("level").asText()).isEqualTo("warn");
            assertThat(event.path("service").path("name").asText()).isEqualTo("api");
            assertThat(sluice.status("/health/live")).isEqualTo(200);

            Thread.sleep(2000); // let the JVM settle before reading its idle footprint
            long rssKib = rssKib(sluice.process.pid());
            Files.writeString(ProjectFiles.path("packaging/target/distribution-footprint.txt"),
                    "launcher defaults, TCP -> stdout%ntime to ready: %d ms%nidle RSS: %d KiB (%.1f MiB)%njava: %s%n"
                            .formatted(readyMillis, rssKib, rssKib / 1024.0, System.getProperty("java.version")));

            assertThat(sluice.terminate()).as("exit status after SIGTERM; stderr:%n%s", sluice.stderrText()).isZero();
            assertThat(sluice.stderrText()).contains("every accepted event was delivered");
        }
    }

    @Test
    void runsTheShippedSidecarExample() throws Exception {
        Path example = dist.home.resolve("config/sidecar.yaml");
        List<String> missing = Pipelines.missingTypes(Pipelines.tree(Files.readString(example)));
        assumeTrue(missing.isEmpty(), "config/sidecar.yaml needs plugin types not registered yet: " + missing);

        Path logs = Files.createDirectory(dir.resolve("app-logs"));
        Files.writeString(logs.resolve("app.log"), "{\"level\":\"error\",\"message\":\"payment failed\",\"service\":\"shop\"}\n");
        int adminPort = FreePorts.one();
        Map<String, String> env = Map.of("SLUICE_DATA_DIR", dir.resolve("data").toString(),
                "SLUICE_ADMIN_LISTEN", "127.0.0.1:" + adminPort, "APP_LOG_DIR", logs.toString(), "APP_NAME", "shop");
        try (Distribution.Run sluice = dist.run(example, dir, adminPort, env)) {
            sluice.awaitReady();
            JsonNode first = awaitEvent(sluice, "payment failed");
            assertThat(first.path("log").path("level").asText()).isEqualTo("error");
            assertThat(first.path("labels").path("app").asText()).isEqualTo("shop");

            Files.writeString(logs.resolve("app.log"), "plain text line after start\n", java.nio.file.StandardOpenOption.APPEND);
            awaitEvent(sluice, "plain text line after start");

            assertThat(sluice.terminate()).as("exit status after SIGTERM; stderr:%n%s", sluice.stderrText()).isZero();
        }
    }

    private static JsonNode awaitEvent(Distribution.Run sluice, String message) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> sluice.stdoutLines().stream().anyMatch(l -> l.contains(message)));
        String line = sluice.stdoutLines().stream().filter(l -> l.contains(message)).findFirst().orElseThrow();
        JsonNode event = JSON.readTree(line);
        assertThat(event.path("message").asText()).isEqualTo(message);
        return event;
    }

    private static long rssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
