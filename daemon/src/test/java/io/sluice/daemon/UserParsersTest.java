package io.sluice.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.core.testkit.SchemaV1Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Parsers and aliases declared in YAML, applied by a running daemon to lines sent over real TCP. */
class UserParsersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aGrokParserTurnsACustomAppLineIntoSchemaFields() throws Exception {
        Path out = dir.resolve("out.ndjson");
        String pipeline = """
                parsers:
                  checkout:
                    type: grok
                    pattern: '^%%{TIMESTAMP_ISO8601:time} \\|%%{LOGLEVEL:sev}\\| \\[%%{DATA:app}/%%{NUMBER:pid}\\] took=%%{NUMBER:took_ms} %%{GREEDYDATA:msg}$'
                    fields:
                      time: {field: "@timestamp", type: timestamp, layout: "yyyy-MM-dd HH:mm:ss.SSSXXX"}
                      sev: log.level
                      app: service.name
                      pid: process.pid
                      took_ms: {type: float}
                      msg: message
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0", parser: checkout}
                outputs:
                  archive: {type: file, path: "%s"}
                """.formatted(out);
        List<JsonNode> events = sendAndCollect(pipeline, out, List.of(
                    "2026-03-01 10:15:02.250+01:00 |WARN| [checkout/4242] took=12.5 cart total recomputed",
                    "a line the pattern does not match"));
        JsonNode parsed = events.get(0);
        assertThat(parsed.path("message").asText()).isEqualTo("cart total recomputed");
        assertThat(parsed.path("@timestamp").asText()).isEqualTo("2026-03-01T09:15:02.250Z");
        assertThat(parsed.path("log").path("level").asText()).isEqualTo("warn");
        assertThat(parsed.path("service").path("name").asText()).isEqualTo("checkout");
        assertThat(parsed.path("process").path("pid").asLong()).isEqualTo(4242);
        assertThat(parsed.path("attributes").path("took_ms").asDouble()).isEqualTo(12.5);
        assertThat(parsed.path("tags").isMissingNode() || parsed.path("tags").isEmpty()).isTrue();

        JsonNode unmatched = events.get(1);
        assertThat(unmatched.path("message").asText()).isEqualTo("a line the pattern does not match");
        assertThat(unmatched.path("tags").toString()).contains("parse_failed");
    }

    @Test
    void aRegexParserConvertsWhatDoesNotFitAFieldIntoAnAttributeInsteadOfLosingIt() throws Exception {
        Path out = dir.resolve("out.ndjson");
        String pipeline = """
                parsers:
                  kv:
                    type: regex
                    pattern: '^pid=(?P<pid>\\S+) lvl=(?P<lvl>\\S+) (?P<message>.*)$'
                    fields: {pid: process.pid, lvl: log.level, message: message}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0", parser: kv}
                outputs:
                  archive: {type: file, path: "%s"}
                """.formatted(out);
        List<JsonNode> events = sendAndCollect(pipeline, out, List.of("pid=12 lvl=error disk full", "pid=abc lvl=3 cannot open"));
        assertThat(events.get(0).path("process").path("pid").asLong()).isEqualTo(12);
        assertThat(events.get(0).path("log").path("level").asText()).isEqualTo("error");
        assertThat(events.get(0).path("message").asText()).isEqualTo("disk full");
        assertThat(events.get(1).path("process").path("pid").isMissingNode()).isTrue();
        assertThat(events.get(1).path("attributes").path("pid").asText()).isEqualTo("abc");
        assertThat(events.get(1).path("log").path("level").asText()).as("syslog severity 3").isEqualTo("error");
    }

    @Test
    void aliasesReadAServicesOwnJsonKeysAsSchemaFields() throws Exception {
        Path out = dir.resolve("out.ndjson");
        String pipeline = """
                inputs:
                  app:
                    type: tcp
                    listen: "127.0.0.1:0"
                    aliases: {message: [body_text, note], log.level: sev, service.name: [component]}
                outputs:
                  archive: {type: file, path: "%s"}
                """.formatted(out);
        List<JsonNode> events = sendAndCollect(pipeline, out, List.of(
                    "{\"body_text\":\"payment captured\",\"sev\":\"WARNING\",\"component\":\"billing\",\"order\":7}",
                    "{\"note\":\"second form\",\"sev\":2}"));
        JsonNode first = events.get(0);
        assertThat(first.path("message").asText()).isEqualTo("payment captured");
        assertThat(first.path("log").path("level").asText()).isEqualTo("warn");
        assertThat(first.path("service").path("name").asText()).isEqualTo("billing");
        assertThat(first.path("attributes").path("order").asInt()).isEqualTo(7);
        assertThat(first.path("attributes").has("body_text")).isFalse();
        assertThat(events.get(1).path("message").asText()).isEqualTo("second form");
    }

    /** Starts the pipeline, sends the lines on one TCP connection to input {@code app}, returns what {@code out} got, each event checked against schema v1. */
    private List<JsonNode> sendAndCollect(String pipeline, Path out, List<String> lines) throws Exception {
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            d.send("app", lines);
            await().atMost(Duration.ofSeconds(30)).until(() -> RunningDaemon.lines(out).size() == lines.size());
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : RunningDaemon.lines(out)) {
            SchemaV1Validator.assertValid(line);
            events.add(MAPPER.readTree(line));
        }
        return events;
    }
}
