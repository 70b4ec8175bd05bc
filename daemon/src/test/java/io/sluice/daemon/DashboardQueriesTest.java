package io.sluice.daemon;

import io.sluice.core.testkit.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (Debian's {@code prometheus}, on loopback) scrapes a real Sluice under load —
 * TCP and file inputs, a disk-buffered file output, a dropping output, a failing output and dead
 * letters — and every panel query of the shipped dashboard returns data through its HTTP API.
 */
class DashboardQueriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyPanelQueryReturnsDataFromARealPrometheusScrapingSluice() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path tailed = logs.resolve("app.log");
        Files.writeString(tailed, "");
        FailingFileSink failing = new FailingFileSink(dir);
        String pipeline = """
                normalize: {on_invalid: dead_letter}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0"}
                  files: {type: container, paths: ["%s/*.log"], format: text, read_from: beginning}
                  topic: {type: kafka, bootstrap_servers: ["127.0.0.1:1"], topics: [logs], group_id: sluice-test}
                routes:
                  - name: all
                    to: [archive, lossy, broken]
                outputs:
                  archive: {type: file, path: "%s", buffer: {type: disk}}
                  lossy: {type: test_gate, buffer: {max_bytes: 64KiB, when_full: drop_newest}}
                  broken:
                    type: file
                    path: "%s"
                    buffer: {when_full: drop_newest}
                    retry: {initial_backoff: 50ms, max_backoff: 200ms, circuit_failures: 100, circuit_open_for: 1s}
                dead_letter: {type: file, path: "%s"}
                """.formatted(logs, dir.resolve("archive/archive.ndjson"), failing.events, dir.resolve("dead.ndjson"));
        GateOutputPlugin.open = false; // the lossy output stalls: its small buffer fills and drops
        int[] rounds = {0};
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline);
             Prometheus prometheus = Prometheus.start(dir.resolve("prometheus"), d.daemon.adminAddress().getPort())) {
            failing.breakIt(); // the broken output retries from now on
            try (BackgroundLoad load = BackgroundLoad.start(() -> {
                d.send("app", IntStream.range(0, 200).mapToObj(i -> i % 50 == 0
                        ? "{\"msg\":\"bad\",\"trace_id\":\"zz\"}" : "{\"msg\":\"ok\",\"service\":\"api\"}").toList());
                Files.writeString(tailed, "line\n".repeat(100), java.nio.file.StandardOpenOption.APPEND);
                if (++rounds[0] % 20 == 0) System.gc(); // a GC pause for the JVM panel
            }, Duration.ofMillis(100))) {
                // ten one-second scrapes per rate window, as Grafana's $__rate_interval would give
                List<String> queries = ObservabilityFilesTest.panelQueries("10s");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                        .untilAsserted(() -> assertThat(withoutData(prometheus, queries)).isEmpty());
            }
        } finally {
            GateOutputPlugin.open = true;
        }
    }

    private static List<String> withoutData(Prometheus prometheus, List<String> queries) throws Exception {
        List<String> empty = new ArrayList<>();
        for (String q : queries) {
            JsonNode r = prometheus.query(q);
            assertThat(r.path("status").asText()).as("%s: %s", q, r).isEqualTo("success");
            if (r.path("data").path("result").isEmpty()) empty.add(q);
        }
        return empty;
    }

    /** A Prometheus server on a free loopback port, scraping one Sluice admin endpoint every second. */
    static final class Prometheus implements AutoCloseable {
        private final Process process;
        private final int port;
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

        private Prometheus(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Prometheus start(Path dir, int sluicePort) throws Exception {
            Files.createDirectories(dir);
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    scrape_configs:
                      - job_name: sluice
                        static_configs: [{targets: ["127.0.0.1:%d"]}]
                    """.formatted(sluicePort));
            int port = FreePorts.one();
            Process p = new ProcessBuilder("prometheus", "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port,
                    "--storage.tsdb.path=" + dir.resolve("data"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            Prometheus prometheus = new Prometheus(p, port);
            try {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> prometheus.get("/-/ready").statusCode() == 200);
            } catch (RuntimeException e) {
                prometheus.close();
                throw new AssertionError("prometheus did not start: " + Files.readString(dir.resolve("prometheus.log")), e);
            }
            return prometheus;
        }

        private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode query(String promql) throws IOException, InterruptedException {
            return JSON.readTree(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
