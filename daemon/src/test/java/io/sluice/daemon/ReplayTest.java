package io.sluice.daemon;

import io.sluice.core.testkit.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.config.ConfigLoader;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.daemon.cli.CommandTree;
import io.sluice.daemon.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Dead letters keep the record as it came; `sluice replay` sends them through a fixed pipeline. */
class ReplayTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private String config(int port, String onInvalid, String outFile, String deadLetterFile) {
        return """
                data_dir: %s
                admin: {enabled: false}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d"}
                normalize: {on_invalid: %s}
                outputs:
                  archive: {type: file, path: "%s"}
                dead_letter: {type: file, path: "%s"}
                """.formatted(dir.resolve("data"), port, onInvalid, dir.resolve(outFile), dir.resolve(deadLetterFile));
    }

    @Test
    void refusedRecordsAreReplayedFromTheirOriginalOnceThePipelineIsFixed() throws Exception {
        int port = FreePorts.one();
        ConfigLoader loader = new ConfigLoader(PluginRegistry.load(), Map.of());
        Daemon daemon = new Daemon(loader.load(dir.resolve("a.yaml"), config(port, "dead_letter", "first.ndjson", "dead.ndjson")).config());
        daemon.start();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("{\"msg\":\"fine\"}\n{\"msg\":\"odd level\",\"level\":\"loud\",\"user\":7}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path dead = dir.resolve("dead.ndjson");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dead) && Files.readAllLines(dead).size() == 1);
        daemon.stop();
        JsonNode refused = MAPPER.readTree(Files.readAllLines(dead).get(0));
        assertThat(refused.path("error").path("code").asText()).isEqualTo("normalize");
        assertThat(refused.path("event").path("original").asText()).isEqualTo("{\"msg\":\"odd level\",\"level\":\"loud\",\"user\":7}");

        Path fixed = dir.resolve("fixed.yaml");
        Files.writeString(fixed, config(FreePorts.one(), "repair", "replayed.ndjson", "dead-again.ndjson"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandTree.whole().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("replay", dead.toString(), "-c", fixed.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("replayed 1 events").contains("all delivered");
        List<String> replayed = Files.readAllLines(dir.resolve("replayed.ndjson"));
        assertThat(replayed).hasSize(1);
        JsonNode e = MAPPER.readTree(replayed.get(0));
        assertThat(e.path("message").asText()).isEqualTo("odd level");
        assertThat(e.path("attributes").path("level").asText()).isEqualTo("loud");
        assertThat(e.path("attributes").path("user").asInt()).isEqualTo(7);
        assertThat(e.path("tags").toString()).contains("invalid_log_level");
        assertThat(e.has("error")).as("dead-letter marks removed").isFalse();
        io.sluice.core.testkit.SchemaV1Validator.assertValid(replayed.get(0));
    }

    @Test
    void anEventASinkRefusedIsReplayedWithEveryFieldItHad() throws Exception {
        io.sluice.api.event.LogEvent refused = io.sluice.api.event.SampleEvents.everyField()
                .errorType("document_parsing_exception").errorMessage("bad value").errorCode("output.search");
        String line = new String(new io.sluice.api.schema.EventEncoder().encode(refused), StandardCharsets.UTF_8);
        Path dead = dir.resolve("dead.ndjson");
        Files.writeString(dead, line + "\n");

        Path fixed = dir.resolve("fixed.yaml");
        Files.writeString(fixed, config(FreePorts.one(), "repair", "replayed.ndjson", "dead-again.ndjson"));
        StringWriter err = new StringWriter();
        int code = CommandTree.whole().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("replay", dead.toString(), "-c", fixed.toString());
        assertThat(code).as(err.toString()).isZero();

        List<String> replayed = Files.readAllLines(dir.resolve("replayed.ndjson"));
        assertThat(replayed).hasSize(1);
        JsonNode before = MAPPER.readTree(line);
        JsonNode after = MAPPER.readTree(replayed.get(0));
        // what kubernetes_metadata and the transforms added is what a fixed pipeline routes and indexes by
        for (String group : List.of("kubernetes", "container", "orchestrator", "labels", "attributes", "log", "http", "url")) {
            assertThat(after.get(group)).as(group).isEqualTo(before.get(group));
        }
        assertThat(after.path("error").has("code")).as("dead-letter marks removed").isFalse();
        assertThat(after.path("error").path("stack_trace").asText()).as("the event's own stack trace stays").isEqualTo("at a\nat b");
        io.sluice.core.testkit.SchemaV1Validator.assertValid(replayed.get(0));
    }

    @Test
    void redactedRecordsReachTheDeadLettersRedactedAndAReplaySkipsTheTransforms() throws Exception {
        String transforms = """
                transforms:
                  - {type: redact}
                  - {type: sample, rate: 1000, keep_errors: false}
                """;
        int port = FreePorts.one();
        ConfigLoader loader = new ConfigLoader(PluginRegistry.load(), Map.of());
        Daemon daemon = new Daemon(loader.load(dir.resolve("a.yaml"),
                config(port, "dead_letter", "first.ndjson", "dead.ndjson") + transforms).config());
        daemon.start();
        try (Socket s = new Socket("127.0.0.1", port)) {
            for (int i = 0; i < 3; i++) {
                s.getOutputStream().write(("{\"msg\":\"mail ana@example.org\",\"level\":\"loud\",\"n\":" + i + "}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        Path dead = dir.resolve("dead.ndjson");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dead) && Files.readAllLines(dead).size() == 3);
        daemon.stop();
        assertThat(Files.readString(dead)).doesNotContain("ana@example.org").contains("[REDACTED:email]");

        Path fixed = dir.resolve("fixed.yaml");
        Files.writeString(fixed, config(FreePorts.one(), "repair", "replayed.ndjson", "dead-again.ndjson") + transforms);
        StringWriter err = new StringWriter();
        int code = CommandTree.whole().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("replay", dead.toString(), "-c", fixed.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readAllLines(dir.resolve("replayed.ndjson"))).as("the sample of 1 in 1000 did not run again")
                .hasSize(3).allSatisfy(line -> assertThat(line).contains("mail [REDACTED:email]"));
    }
}
