package io.sluice.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /health} follows a real failing sink through the three levels: a file output whose
 * directory is replaced by a regular file retries (Degraded, still ready), its circuit opens
 * (Unhealthy, not ready), and with the directory back it is Healthy again; the report has the
 * shape HealthChecks UI reads and {@code sluice_component_health} says the same.
 */
class HealthModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRetryingSinkIsDegradedAnOpenCircuitUnhealthyAndARecoveredOneHealthy() throws Exception {
        FailingFileSink sink = new FailingFileSink(dir);
        String pipeline = sink.pipeline("{initial_backoff: 100ms, max_backoff: 200ms, circuit_failures: 25, circuit_open_for: 1s}");
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            d.daemon.pipeline().degradedAfterRetrying(Duration.ofMillis(300));
            await().atMost(Duration.ofSeconds(10)).until(() -> d.get("/health/ready").statusCode() == 200);
            d.send("app", messages("before", 10));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.lines().size() == 10);

            var healthy = d.get("/health");
            assertThat(healthy.statusCode()).isEqualTo(200);
            JsonNode report = JSON.readTree(healthy.body());
            assertThat(report.path("status").asText()).isEqualTo("Healthy");
            assertThat(report.path("totalDuration").asText()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{7}");
            assertThat(report.path("entries").fieldNames()).toIterable()
                    .contains("pipeline.workers", "output.archive", "buffer.archive", "input.app", "config.reload");
            JsonNode archive = report.path("entries").path("output.archive");
            assertThat(archive.path("status").asText()).isEqualTo("Healthy");
            assertThat(archive.path("duration").asText()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{7}");
            assertThat(archive.path("data").path("circuit").asText()).isEqualTo("closed");
            assertThat(archive.path("tags")).extracting(JsonNode::asText).containsExactly("delivery");
            assertThat(healthMetric(d, "output.archive", "Healthy")).isEqualTo(1.0);

            sink.breakIt();
            d.send("app", messages("during", 10));

            await().atMost(Duration.ofSeconds(10)).until(() -> status(d, "output.archive").equals("Degraded"));
            var degraded = d.get("/health");
            assertThat(degraded.statusCode()).as("Degraded answers 200, as HealthChecks does").isEqualTo(200);
            JsonNode retrying = JSON.readTree(degraded.body()).path("entries").path("output.archive");
            assertThat(retrying.path("description").asText()).startsWith("retrying for").contains("cannot write");
            assertThat(retrying.path("data").path("retrying_for_ms").asLong()).isGreaterThanOrEqualTo(300);
            assertThat(d.get("/health/ready").statusCode()).as("Degraded never fails readiness").isEqualTo(200);
            assertThat(healthMetric(d, "output.archive", "Degraded")).isEqualTo(1.0);
            assertThat(healthMetric(d, "output.archive", "Healthy")).isEqualTo(0.0);

            await().atMost(Duration.ofSeconds(20)).until(() -> status(d, "output.archive").equals("Unhealthy"));
            var unhealthy = d.get("/health");
            assertThat(unhealthy.statusCode()).isEqualTo(503);
            JsonNode open = JSON.readTree(unhealthy.body());
            assertThat(open.path("status").asText()).isEqualTo("Unhealthy");
            assertThat(open.path("entries").path("output.archive").path("description").asText()).contains("circuit open");
            assertThat(open.path("entries").path("output.archive").path("data").path("circuit").asText()).isIn("open", "half_open");
            assertThat(open.path("entries").path("input.app").path("status").asText()).as("only the sink fails").isEqualTo("Healthy");
            assertThat(d.get("/health/ready").statusCode()).isEqualTo(503);
            assertThat(d.get("/health/live").statusCode()).as("alive all along").isEqualTo(200);

            sink.repair();

            await().atMost(Duration.ofSeconds(20)).until(() -> status(d, "output.archive").equals("Healthy"));
            assertThat(d.get("/health").statusCode()).isEqualTo(200);
            assertThat(d.get("/health/ready").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.lines().size() == 20);
        }
    }

    @Test
    void aFailedReloadIsDegradedUntilTheNextGoodOne() throws Exception {
        String pipeline = """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0"}
                outputs:
                  sink: {type: blackhole}
                """;
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> d.get("/health/ready").statusCode() == 200);
            d.daemon.reloadFailed("1 problem(s) in pipeline.yaml");

            JsonNode reload = JSON.readTree(d.get("/health").body()).path("entries").path("config.reload");
            assertThat(reload.path("status").asText()).isEqualTo("Degraded");
            assertThat(reload.path("description").asText()).contains("last reload failed").contains("pipeline.yaml");
            assertThat(d.get("/health/ready").statusCode()).isEqualTo(200);

            d.daemon.reload(d.daemon.config());
            assertThat(status(d, "config.reload")).isEqualTo("Healthy");
        }
    }

    private static String status(RunningDaemon d, String component) throws Exception {
        return JSON.readTree(d.get("/health").body()).path("entries").path(component).path("status").asText();
    }

    private static double healthMetric(RunningDaemon d, String component, String status) throws Exception {
        return PrometheusText.parse(d.get("/metrics").body()).value("sluice_component_health", "component", component, "status", status);
    }

    private static List<String> messages(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }
}
