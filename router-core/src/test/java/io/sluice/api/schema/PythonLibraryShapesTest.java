package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.core.testkit.PythonLibraries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What loguru, structlog and python-json-logger really write (run by {@code src/test/python/write_logs.py},
 * Debian 12's packages), one record per line, decoded as {@code format: auto} and {@code format: json} read
 * it. The expected values are read from the libraries' own output (their JSON, with Jackson; their text
 * times, with java.time), or are what the script logged. Tracebacks on lines of their own (the text
 * outputs) are joined by the inputs' multiline rule: {@code PythonTracebacksTest} in the inputs module.
 */
class PythonLibraryShapesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What the script logs, in order, and the level each library gives it. */
    private static final List<String> MESSAGES = List.of("user signed in", "disk low", "request failed",
            "division failed", "after the traceback");
    private static final List<String> LEVELS = List.of("info", "warn", "error", "error", "info");
    private static final String TRACE_END = "ZeroDivisionError: division by zero";

    /** Repair, not dead-letter: a value a field refuses shows as an {@code invalid_*} tag on the event. */
    private static final DecodeOptions REPAIR = new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.REPAIR, false);

    @TempDir
    static Path out;

    @BeforeAll
    static void runLibraries() throws Exception {
        PythonLibraries.writeLogs(out);
    }

    /** Each line decoded with {@code format: auto} and with {@code format}, which must agree. */
    private static List<JsonNode> events(String file, String format) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines(file)) {
            JsonNode e = decode(line, "auto");
            JsonNode other = decode(line, format);
            assertThat(withoutCreated(other)).as("%s as %s", line, format).isEqualTo(withoutCreated(e));
            assertThat(e.at("/tags").isMissingNode()).as("no tags (timestamp_missing, parse_failed, invalid_*): %s", e).isTrue();
            events.add(e);
        }
        return events;
    }

    private static JsonNode decode(String line, String format) throws Exception {
        return ShapeChecks.decodeChecked(line, format, REPAIR);
    }

    private static JsonNode withoutCreated(JsonNode e) {
        JsonNode copy = e.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("event")).remove("created");
        return copy;
    }

    private static List<String> lines(String file) throws Exception {
        return Files.readAllLines(out.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
    }

    private static List<JsonNode> raw(String file) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines(file)) records.add(MAPPER.readTree(line));
        return records;
    }

    private static String at(JsonNode e, String pointer) {
        return e.at(pointer).asText();
    }

    private static Instant time(JsonNode e) {
        return Instant.parse(at(e, "/@timestamp"));
    }

    private static void assertPythonError(JsonNode e) {
        assertThat(at(e, "/message")).isEqualTo("division failed");
        assertThat(at(e, "/log/level")).isEqualTo("error");
        assertThat(at(e, "/error/type")).isEqualTo("ZeroDivisionError");
        assertThat(at(e, "/error/message")).isEqualTo("division by zero");
        assertThat(at(e, "/error/stack_trace")).startsWith("Traceback (most recent call last):\n").endsWith(TRACE_END);
    }

    @Test
    void loguruSerialized() throws Exception {
        List<JsonNode> events = events("loguru.jsonl", "json");
        List<JsonNode> raw = raw("loguru.jsonl");
        assertThat(events).hasSize(6);
        List<String> levels = List.of("info", "warn", "info", "error", "error", "info");
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            JsonNode r = raw.get(i).get("record");
            assertThat(at(e, "/message")).isEqualTo(r.get("message").asText());
            assertThat(at(e, "/log/level")).as("level of %s", r.at("/level/name")).isEqualTo(levels.get(i));
            assertThat(time(e)).isEqualTo(OffsetDateTime.parse(r.at("/time/repr").asText(),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")).toInstant());
            assertThat(at(e, "/log/logger")).isEqualTo("__main__");
            assertThat(at(e, "/log/origin/function")).isEqualTo("loguru_logs");
            assertThat(e.at("/log/origin/file/line").asLong()).isEqualTo(r.get("line").asLong());
            assertThat(at(e, "/log/origin/file/name")).isEqualTo("write_logs.py");
            assertThat(e.at("/process/pid").asLong()).isEqualTo(r.at("/process/id").asLong());
            assertThat(at(e, "/process/thread/name")).isEqualTo("MainThread");
            // the rendered text repeats the record; its traceback is kept as the stack trace
            assertThat(e.at("/attributes/text").isMissingNode()).isTrue();
            assertThat(e.at("/attributes/record/module").asText()).isEqualTo("write_logs");
        }
        assertThat(at(events.get(1), "/trace/id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(at(events.get(1), "/attributes/record/extra/user")).isEqualTo("u1");
        JsonNode failed = events.get(4);
        assertPythonError(failed);
        String text = raw.get(4).get("text").asText();
        assertThat(at(failed, "/error/stack_trace"))
                .isEqualTo(text.substring(text.indexOf("Traceback"), text.lastIndexOf(TRACE_END) + TRACE_END.length()))
                .contains("\n> File \"");
        assertThat(events.get(0).at("/error").isMissingNode()).isTrue();
    }

    @Test
    void loguruDefaultSink() throws Exception {
        // the first line of each record (the traceback's lines are the multiline rule's: inputs module)
        List<String> firsts = lines("loguru.txt").stream().filter(l -> l.startsWith("20") && l.contains(" | ")).toList();
        List<JsonNode> raw = raw("loguru.jsonl"); // the same calls, serialized
        assertThat(firsts).hasSize(6);
        List<String> levels = List.of("info", "warn", "info", "error", "error", "info");
        for (int i = 0; i < firsts.size(); i++) {
            String line = firsts.get(i);
            JsonNode e = decode(line, "auto");
            assertThat(withoutCreated(decode(line, "loguru"))).isEqualTo(withoutCreated(e));
            JsonNode r = raw.get(i).get("record");
            assertThat(e.at("/tags").isMissingNode()).as("no tags (timestamp_missing, parse_failed, invalid_*): %s", e).isTrue();
            assertThat(at(e, "/message")).isEqualTo(r.get("message").asText());
            assertThat(at(e, "/log/level")).isEqualTo(levels.get(i));
            assertThat(time(e)).isEqualTo(LocalDateTime.parse(line.substring(0, 23),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")).toInstant(ZoneOffset.UTC));
            assertThat(at(e, "/log/logger")).isEqualTo(r.get("name").asText());
            assertThat(at(e, "/log/origin/function")).isEqualTo(r.get("function").asText());
            assertThat(e.at("/log/origin/file/line").asLong()).isEqualTo(r.get("line").asLong());
        }
    }

    @Test
    void structlogConsoleRenderer() throws Exception {
        List<String> firsts = lines("structlog.txt").stream().filter(l -> l.startsWith("20")).toList();
        assertThat(firsts).hasSize(5);
        for (int i = 0; i < firsts.size(); i++) {
            String line = firsts.get(i);
            JsonNode e = decode(line, "auto");
            assertThat(withoutCreated(decode(line, "structlog"))).isEqualTo(withoutCreated(e));
            assertThat(e.at("/tags").isMissingNode()).as("no tags (timestamp_missing, parse_failed, invalid_*): %s", e).isTrue();
            assertThat(at(e, "/message")).startsWith(MESSAGES.get(i));
            assertThat(at(e, "/log/level")).isEqualTo(LEVELS.get(i));
            assertThat(time(e)).isEqualTo(LocalDateTime.parse(line.substring(0, 19),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toInstant(ZoneOffset.UTC));
        }
        // the key=value pairs stay in the message: structlog writes their values unquoted
        assertThat(at(decode(firsts.get(0), "auto"), "/message")).endsWith(" attempt=2 user=u1");
    }

    @Test
    void structlogJsonRenderer() throws Exception {
        assertStructlogJson("structlog.jsonl");
    }

    @Test
    void structlogJsonRendererWithTheGenericBoundLogger() throws Exception {
        // its log.exception() passes the method's name on as the level: "exception"
        assertThat(raw("structlog-boundlogger.jsonl").get(3).get("level").asText()).isEqualTo("exception");
        List<JsonNode> events = events("structlog-boundlogger.jsonl", "json");
        assertThat(at(events.get(3), "/log/level")).isEqualTo("error");
    }

    private static List<JsonNode> assertStructlogJson(String file) throws Exception {
        List<JsonNode> events = events(file, "json");
        List<JsonNode> raw = raw(file);
        assertThat(events).hasSize(5);
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertThat(at(e, "/message")).isEqualTo(MESSAGES.get(i));
            assertThat(at(e, "/log/level")).isEqualTo(LEVELS.get(i));
            assertThat(time(e)).isEqualTo(Instant.parse(raw.get(i).get("timestamp").asText()));
        }
        assertThat(e0(events, "/attributes/user")).isEqualTo("u1");
        assertThat(events.get(0).at("/attributes/attempt").asInt()).isEqualTo(2);
        assertPythonError(events.get(3));
        if (raw.get(3).get("exception").isTextual()) {
            assertThat(at(events.get(3), "/error/stack_trace")).isEqualTo(raw.get(3).get("exception").asText());
        }
        return events;
    }

    private static String e0(List<JsonNode> events, String pointer) {
        return at(events.get(0), pointer);
    }

    @Test
    void structlogDictTracebacks() throws Exception {
        List<JsonNode> events = assertStructlogJson("structlog-dict.jsonl");
        JsonNode failed = events.get(3);
        // the frames as Python's traceback module names them: compare with format_exc_info's text of the same call
        String printed = raw("structlog.jsonl").get(3).get("exception").asText();
        List<String> printedFrames = printed.lines().filter(l -> l.startsWith("  File ")).toList();
        List<String> renderedFrames = at(failed, "/error/stack_trace").lines().filter(l -> l.startsWith("  File ")).toList();
        assertThat(renderedFrames).isEqualTo(printedFrames.stream()
                .map(l -> l.replace("structlog.jsonl", "structlog-dict.jsonl")).toList()).hasSize(2);
        // the array as sent is kept: its frames' locals are in no field
        assertThat(failed.at("/attributes/exception")).isEqualTo(raw("structlog-dict.jsonl").get(3).get("exception"));
    }

    @Test
    void structlogStandardLibraryWithCallsiteParameters() throws Exception {
        List<JsonNode> events = assertStructlogJson("structlog-stdlib.jsonl");
        List<JsonNode> raw = raw("structlog-stdlib.jsonl");
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            JsonNode r = raw.get(i);
            assertThat(at(e, "/log/logger")).isEqualTo("app.payments");
            assertThat(at(e, "/log/origin/function")).isEqualTo(r.get("func_name").asText()).isEqualTo("structlog_logs");
            assertThat(at(e, "/log/origin/file/name")).isEqualTo("write_logs.py");
            assertThat(e.at("/log/origin/file/line").asLong()).isEqualTo(r.get("lineno").asLong());
            assertThat(e.at("/process/pid").asLong()).isEqualTo(r.get("process").asLong());
            assertThat(at(e, "/process/thread/name")).isEqualTo("MainThread");
        }
    }

    @Test
    void pythonJsonLogger() throws Exception {
        List<JsonNode> events = events("python-json-logger.jsonl", "json");
        List<JsonNode> raw = raw("python-json-logger.jsonl");
        assertThat(events).hasSize(5);
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            JsonNode r = raw.get(i);
            assertThat(at(e, "/message")).isEqualTo(MESSAGES.get(i));
            assertThat(at(e, "/log/level")).isEqualTo(LEVELS.get(i));
            assertThat(time(e)).isEqualTo(LocalDateTime.parse(r.get("asctime").asText(),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")).toInstant(ZoneOffset.UTC));
            assertThat(at(e, "/log/logger")).isEqualTo("app.db");
            assertThat(at(e, "/log/origin/function")).isEqualTo("python_json_logger_logs");
            assertThat(at(e, "/log/origin/file/name")).isEqualTo("write_logs.py");
            assertThat(e.at("/log/origin/file/line").asLong()).isEqualTo(r.get("lineno").asLong());
            assertThat(e.at("/process/pid").asLong()).isEqualTo(r.get("process").asLong());
            assertThat(at(e, "/process/thread/name")).isEqualTo("MainThread");
        }
        assertThat(e0(events, "/attributes/user")).isEqualTo("u1");
        assertPythonError(events.get(3));
        assertThat(at(events.get(3), "/error/stack_trace")).isEqualTo(raw.get(3).get("exc_info").asText());
    }
}
