package io.sluice.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sink that is down when Sluice starts does not keep it from starting: the file output whose
 * directory cannot be created (its parent is a regular file; permissions would not stop root) is
 * named in readiness, the healthy output delivers meanwhile, and once the path is fixed the waiting
 * events arrive, in order.
 */
class SinkDownAtStartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theDaemonStartsTheHealthySinkDeliversAndTheDownOneCatchesUpOnceFixed() throws Exception {
        Path blocker = dir.resolve("blocked");
        Files.writeString(blocker, "a regular file where a directory should be");
        Path broken = blocker.resolve("sub").resolve("events.ndjson");
        Path healthy = dir.resolve("healthy.ndjson");
        String pipeline = """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0"}
                outputs:
                  good: {type: file, path: "%s"}
                  archive:
                    type: file
                    path: "%s"
                    retry: {initial_backoff: 50ms, max_backoff: 300ms}
                """.formatted(healthy, broken);
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            List<String> sent = IntStream.range(0, 100).mapToObj(i -> "event-" + i).toList();
            d.send("app", sent);
            await().atMost(Duration.ofSeconds(20)).until(() -> RunningDaemon.lines(healthy).size() == 100);

            var notReady = d.get("/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            JsonNode archive = ReadinessTest.component(JSON.readTree(notReady.body()), "output.archive");
            assertThat(archive.path("reason").asText()).contains("cannot start");
            assertThat(ReadinessTest.component(JSON.readTree(notReady.body()), "output.good").path("ready").asBoolean()).isTrue();
            assertThat(d.get("/health/live").statusCode()).isEqualTo(200);

            Files.delete(blocker);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(broken) && RunningDaemon.lines(broken).size() == 100);
            assertThat(RunningDaemon.lines(broken).stream().map(SinkDownAtStartTest::message).toList())
                    .containsExactlyElementsOf(sent);
            await().atMost(Duration.ofSeconds(10)).until(() -> d.get("/health/ready").statusCode() == 200);
        }
    }

    private static String message(String line) {
        try {
            return JSON.readTree(line).path("message").asText();
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
