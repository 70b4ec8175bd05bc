package io.sluice.inputs.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.Timestamps;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the shared Docker json-file and CRI corpus through the tail: every case is written as its
 * own file, read with the format forced, and its events compared with what the case expects. The
 * corpus stays in {@code ../shared/conformance} (next to the project root); without it the test is
 * skipped.
 *
 * <p>Choices where the corpus allows two readings: invalid lines come out raw and tagged
 * {@code parse_failed}; when the application's own line starts with a time, that time wins over the
 * runtime's (so it may differ from the case's runtime timestamp below the second); and the
 * application's line is normalized like any record, so a JSON object line's message is its own
 * message field (the corpus gives the runtime layer's text).
 */
class ContainerConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void dockerJsonFile() throws Exception {
        run("docker-json.jsonl", "docker");
    }

    @Test
    void cri() throws Exception {
        run("cri.jsonl", "cri");
    }

    private void run(String corpus, String format) throws Exception {
        Path file = conformanceDir().resolve(corpus);
        assumeTrue(Files.exists(file), "conformance corpus not found at " + file + " (it lives in shared/, outside the project)");
        Map<String, JsonNode> cases = new LinkedHashMap<>();
        Path logs = Files.createDirectories(dir.resolve("logs"));
        int expectedValid = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode c = JSON.readTree(line);
            String id = c.get("id").asText();
            cases.put(logs.resolve(id + ".log").toString(), c);
            Files.write(logs.resolve(id + ".log"), rawBytes(c));
            expectedValid += c.get("expect").size();
        }
        CollectingInputContext ctx = new CollectingInputContext("conformance", dir.resolve("data"));
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/*.log"), "format", format), ctx);
        int valid = expectedValid;
        try {
            try {
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        ctx.events().stream().filter(e -> e.stream() != null || !e.hasTag(Tags.PARSE_FAILED)).count() >= valid);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // some cases fail: the comparison below names them
            }
            Thread.sleep(500); // partial records are flushed after the (test) flush timeout
        } finally {
            Tails.stop(in);
        }
        Map<String, List<LogEvent>> byFile = new LinkedHashMap<>();
        for (LogEvent e : ctx.events()) byFile.computeIfAbsent(e.filePath(), k -> new ArrayList<>()).add(e);
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (var entry : cases.entrySet()) {
            JsonNode c = entry.getValue();
            List<LogEvent> events = byFile.getOrDefault(entry.getKey(), List.of());
            String problem = check(c, events);
            if (problem == null) {
                passed++;
            } else {
                failures.add(c.get("id").asText() + ": " + problem);
            }
        }
        System.out.printf("%s: %d/%d cases pass%n", corpus, passed, cases.size());
        assertThat(failures).isEmpty();
    }

    /** Null when the events are what the case expects. */
    private static String check(JsonNode c, List<LogEvent> events) {
        // a runtime line that failed has no stream; an application line that merely failed as JSON keeps it
        List<LogEvent> good = events.stream().filter(e -> !e.hasTag(Tags.PARSE_FAILED) || e.stream() != null).toList();
        JsonNode expect = c.get("expect");
        if (!c.get("valid").asBoolean()) {
            return good.isEmpty() ? null : "invalid input gave an untagged event: " + good.get(0).message();
        }
        if (good.size() != expect.size()) return "expected " + expect.size() + " events, got " + good.size();
        for (int i = 0; i < expect.size(); i++) {
            JsonNode x = expect.get(i);
            LogEvent e = good.get(i);
            String message = x.hasNonNull("message") ? x.get("message").asText()
                    : new String(Base64.getDecoder().decode(x.get("message_base64").asText()), StandardCharsets.UTF_8);
            message = normalizedMessage(message);
            if (!message.equals(e.message())) return "message " + e.message() + " != " + message;
            String stream = x.hasNonNull("stream") ? x.get("stream").asText() : null;
            if (stream == null ? e.stream() != null : !stream.equals(e.stream())) return "stream " + e.stream();
            long t = Timestamps.parse(x.get("timestamp").asText(), ZoneOffset.UTC);
            boolean appTime = message.length() > 4 && Character.isDigit(message.charAt(0)) && message.charAt(4) == '-';
            long diff = Math.abs(e.timestampNanos() - t);
            if (appTime ? diff >= 1_000_000_000L : diff != 0) {
                return "timestamp " + Timestamps.format(e.timestampNanos()) + " != " + x.get("timestamp").asText();
            }
            if (x.has("attrs")) {
                if (e.attributes() == null || !e.attributes().toJson().contains("\"KEY1\":\"value1\"")) return "attrs missing";
            }
        }
        return null;
    }

    /**
     * The corpus gives the runtime layer's text; Sluice then normalizes the application's line like
     * any record, so a JSON object line's message is its message field.
     */
    private static String normalizedMessage(String text) {
        LogEvent e = new LogEvent();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        new JsonRecordDecoder(DecodeOptions.DEFAULT, false).decode(b, 0, b.length, e);
        return e.message();
    }

    private static byte[] rawBytes(JsonNode c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (c.hasNonNull("raw")) {
            for (JsonNode l : c.get("raw")) out.write((l.asText() + "\n").getBytes(StandardCharsets.UTF_8));
        } else {
            for (JsonNode l : c.get("raw_base64")) {
                out.write(Base64.getDecoder().decode(l.asText()));
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /** {@code ../shared/conformance} seen from the project root (the directory holding mvnw). */
    static Path conformanceDir() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
        Path root = p == null ? Paths.get("").toAbsolutePath() : p;
        return root.resolve("../shared/conformance").normalize();
    }
}
