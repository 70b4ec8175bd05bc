package io.sluice.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows a real sink's target: a file output whose directory is replaced by a regular
 * file (chmod would not stop root) fails, its circuit opens and {@code /health/ready} turns 503
 * naming the output and why; with the directory back it returns to 200 and nothing is lost.
 */
class ReadinessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void readinessTurns503WhileTheFileSinkCannotWriteAnd200WhenItCanAgain() throws Exception {
        FailingFileSink sink = new FailingFileSink(dir);
        Path events = sink.events;
        String pipeline = sink.pipeline("{initial_backoff: 50ms, max_backoff: 200ms, circuit_failures: 2, circuit_open_for: 1s}");
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> d.get("/health/ready").statusCode() == 200);
            d.send("app", messages("before", 100));
            await().atMost(Duration.ofSeconds(10)).until(() -> RunningDaemon.lines(events).size() == 100);

            sink.breakIt();
            d.send("app", messages("during", 100));

            await().atMost(Duration.ofSeconds(20)).until(() -> d.get("/health/ready").statusCode() == 503);
            var notReady = d.get("/health/ready");
            JsonNode body = JSON.readTree(notReady.body());
            assertThat(body.path("status").asText()).isEqualTo("not_ready");
            JsonNode archive = component(body, "output.archive");
            assertThat(archive.path("ready").asBoolean()).isFalse();
            assertThat(archive.path("reason").asText()).contains("circuit open").contains("cannot write").contains(sink.directory().toString());
            assertThat(component(body, "input.app").path("ready").asBoolean()).as("only the sink is failing").isTrue();
            assertThat(d.get("/health/live").statusCode()).as("alive all along").isEqualTo(200);

            sink.repair();

            await().atMost(Duration.ofSeconds(20)).until(() -> d.get("/health/ready").statusCode() == 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> RunningDaemon.lines(events).size() >= 200);
            List<String> messages = RunningDaemon.lines(events).stream().map(l -> {
                try {
                    return JSON.readTree(l).path("message").asText();
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + l, e);
                }
            }).toList();
            assertThat(messages).containsExactlyElementsOf(
                    Stream.concat(messages("before", 100).stream(), messages("during", 100).stream()).toList());
            assertThat(JSON.readTree(d.get("/health/ready").body()).path("status").asText()).isEqualTo("ready");
        }
    }

    @Test
    void anUpstreamErrorBodyReachesTheOpenHealthEndpointsWithoutCredentialsAndCut() throws Exception {
        String token = "s3cr3t-bearer-value-42";
        String password = "hunter2-db-password";
        // a real receiver that refuses the credentials and echoes the request's headers and a long page
        try (HttpReceiver receiver = new HttpReceiver(401, headers -> "denied; request was: Authorization: "
                + headers.getFirst("Authorization") + " dsn=postgres://app:" + password + "@db:5432/x password=" + password
                + " " + "<p>help</p>".repeat(2000))) {
            assertReasonsCarryNoSecret(receiver, token, password);
        }
    }

    private void assertReasonsCarryNoSecret(HttpReceiver receiver, String token, String password) throws Exception {
        String pipeline = """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0"}
                outputs:
                  receiver: {type: http, uri: "%s", compression: none, auth: {bearer_token: "%s"}}
                """.formatted(receiver.uri(), token);
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            d.send("app", messages("m", 3));
            await().atMost(Duration.ofSeconds(20)).until(() -> d.get("/health/ready").statusCode() == 503);
            String ready = d.get("/health/ready").body();
            String full = d.get("/health").body();
            String reason = component(JSON.readTree(ready), "output.receiver").path("reason").asText();
            assertThat(reason).contains("HTTP 401").contains("[redacted]");
            assertThat(reason.length()).as("cut: %s", reason).isLessThan(400);
            for (String body : List.of(ready, full)) {
                assertThat(body).doesNotContain(token).doesNotContain(password).doesNotContain("<p>help</p>".repeat(40));
            }
        }
    }

    private static List<String> messages(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    /** The named component of a readiness body. */
    static JsonNode component(JsonNode health, String name) {
        for (JsonNode c : health.path("components")) if (c.path("component").asText().equals(name)) return c;
        throw new AssertionError("no component " + name + " in " + health);
    }
}
