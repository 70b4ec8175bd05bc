package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.core.testkit.PhpAndRubyLoggers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What PHP Monolog (2.9.1: its LineFormatter, as Laravel sets it up, JsonFormatter, LogstashFormatter, with
 * UidProcessor and IntrospectionProcessor) and Ruby's Logger (3.1, default formatter) really write (run by
 * {@code src/test/php/write_logs.php} and {@code src/test/ruby/write_logs.rb}), one record per line, decoded
 * as {@code format: auto} and the named format read it. Expected values are read from the libraries' own
 * output (their JSON with Jackson, their times with java.time) or are what the scripts logged. The lines
 * under a message (Laravel's stack trace, Ruby's backtrace) are joined by the inputs' multiline rule:
 * {@code PhpAndRubyLinesTest} in the inputs module.
 */
class PhpAndRubyLoggerShapesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What write_logs.php logs, in order, and the level of each in schema v1 (docs/schema.md). */
    private static final List<String> MONOLOG_LEVELS = List.of("info", "warn", "info", "error", "error", "fatal", "fatal",
            "fatal", "debug", "warn");
    private static final DecodeOptions REPAIR = new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.REPAIR, false);

    @TempDir
    static Path out;

    @BeforeAll
    static void runLoggers() throws Exception {
        PhpAndRubyLoggers.writeMonolog(out);
        PhpAndRubyLoggers.writeRubyLogger(out);
    }

    private static JsonNode decode(String line, String format) throws Exception {
        return ShapeChecks.decodeChecked(line, format, REPAIR);
    }

    /** Decoded with {@code format: auto} and with {@code format}, which must agree, and without tags. */
    private static JsonNode decodeBoth(String line, String format) throws Exception {
        JsonNode e = decode(line, "auto");
        assertThat(withoutCreated(decode(line, format))).as("%s as %s", line, format).isEqualTo(withoutCreated(e));
        assertThat(e.at("/tags").isMissingNode()).as("no tags (timestamp_missing, parse_failed, invalid_*): %s", e).isTrue();
        return e;
    }

    private static JsonNode withoutCreated(JsonNode e) {
        JsonNode copy = e.deepCopy();
        ((ObjectNode) copy.get("event")).remove("created");
        return copy;
    }

    private static List<JsonNode> raw(String file) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : PhpAndRubyLoggers.lines(out, file)) records.add(MAPPER.readTree(line));
        return records;
    }

    private static List<JsonNode> events(String file) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : PhpAndRubyLoggers.lines(out, file)) events.add(decodeBoth(line, "json"));
        return events;
    }

    private static String at(JsonNode e, String pointer) {
        return e.at(pointer).asText();
    }

    private static Instant time(JsonNode e) {
        return Instant.parse(at(e, "/@timestamp"));
    }

    /** The fields every Monolog JSON record gives, whatever the formatter; {@code r} is the record as written. */
    private static void assertMonologRecord(JsonNode e, JsonNode r, int i, String timeKey) {
        assertThat(at(e, "/message")).isEqualTo(r.get("message").asText());
        assertThat(at(e, "/log/level")).as("level of %s", r).isEqualTo(MONOLOG_LEVELS.get(i));
        assertThat(time(e)).isEqualTo(OffsetDateTime.parse(r.get(timeKey).asText()).toInstant());
        assertThat(at(e, "/log/logger")).isEqualTo(r.get("channel").asText());
        JsonNode extra = r.path("extra");
        if (extra.has("file")) {
            // IntrospectionProcessor's call site
            assertThat(at(e, "/log/origin/file/name")).isEqualTo(extra.get("file").asText()).endsWith("write_logs.php");
            assertThat(e.at("/log/origin/file/line").asLong()).isEqualTo(extra.get("line").asLong());
            assertThat(at(e, "/log/origin/function")).isEqualTo(extra.get("function").asText()).isEqualTo("run");
            assertThat(at(e, "/attributes/extra/class")).isEqualTo("Checkout");
            assertThat(at(e, "/attributes/extra/uid")).isEqualTo(extra.get("uid").asText()).hasSize(7);
        }
    }

    private static void assertMonologContext(List<JsonNode> events) {
        assertThat(at(events.get(0), "/attributes/context/user")).isEqualTo("u1");
        assertThat(events.get(0).at("/attributes/context/attempt").asInt()).isEqualTo(2);
        assertThat(at(events.get(3), "/attributes/context/path")).isEqualTo("/orders");
        JsonNode failed = events.get(4);
        assertThat(at(failed, "/error/type")).isEqualTo("RuntimeException");
        assertThat(at(failed, "/error/message")).isEqualTo("gateway timeout after 1250 cents");
        assertThat(failed.at("/attributes/context/exception/code").asInt()).isEqualTo(504);
        assertThat(failed.at("/attributes/context/order").asInt()).isEqualTo(17);
        assertThat(events.get(1).at("/error").isMissingNode()).isTrue();
    }

    /** {@code Type: message in path:line}, then the trace's frames as PHP numbers them, from the record as written. */
    private static String phpTrace(JsonNode exception) {
        StringBuilder s = new StringBuilder(exception.get("class").asText() + ": " + exception.get("message").asText()
                + " in " + exception.get("file").asText());
        if (exception.has("trace")) {
            s.append("\nStack trace:");
            for (int i = 0; i < exception.get("trace").size(); i++) s.append("\n#").append(i).append(' ').append(exception.get("trace").get(i).asText());
        }
        return s.toString();
    }

    /** The exception the script logs, as PHP prints it ({@code (string) $e}). */
    private static String phpPrinted() throws Exception {
        return String.join("\n", PhpAndRubyLoggers.lines(out, "monolog-exception.log"));
    }

    @Test
    void monologJsonFormatter() throws Exception {
        List<JsonNode> events = events("monolog-json.log");
        List<JsonNode> raw = raw("monolog-json.log");
        assertThat(events).hasSize(MONOLOG_LEVELS.size());
        for (int i = 0; i < events.size(); i++) assertMonologRecord(events.get(i), raw.get(i), i, "datetime");
        assertMonologContext(events);
        JsonNode exception = raw.get(4).at("/context/exception");
        assertThat(exception.has("trace")).as("JsonFormatter leaves the trace out by default").isFalse();
        assertThat(at(events.get(4), "/error/stack_trace")).isEqualTo(phpTrace(exception))
                .isEqualTo(phpPrinted().lines().findFirst().orElseThrow());
        assertThat(at(events.get(9), "/log/logger")).isEqualTo("security");
    }

    @Test
    void monologJsonFormatterWithStackTraces() throws Exception {
        List<JsonNode> events = events("monolog-json-trace.log");
        List<JsonNode> raw = raw("monolog-json-trace.log");
        for (int i = 0; i < events.size(); i++) assertMonologRecord(events.get(i), raw.get(i), i, "datetime");
        assertMonologContext(events);
        JsonNode exception = raw.get(4).at("/context/exception");
        assertThat(exception.get("trace")).hasSize(3);
        assertThat(at(events.get(4), "/error/stack_trace")).isEqualTo(phpTrace(exception)).contains("\n#2 ")
                .startsWith(phpPrinted().lines().limit(2).reduce((a, b) -> a + "\n" + b).orElseThrow());
    }

    @Test
    void monologLogstashFormatter() throws Exception {
        List<JsonNode> events = events("monolog-logstash.log");
        List<JsonNode> raw = raw("monolog-logstash.log");
        assertThat(events).hasSize(MONOLOG_LEVELS.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertMonologRecord(e, raw.get(i), i, "@timestamp");
            assertThat(at(e, "/host/name")).isEqualTo(raw.get(i).get("host").asText());
            assertThat(e.at("/attributes/monolog_level").asInt()).isEqualTo(raw.get(i).get("monolog_level").asInt());
            assertThat(at(e, "/attributes/type")).isEqualTo("shop");
        }
        assertMonologContext(events);
        assertThat(at(events.get(4), "/error/stack_trace")).isEqualTo(phpTrace(raw.get(4).at("/context/exception")))
                .contains("\nStack trace:\n#0 ");
    }

    @Test
    void monologLineFormatter() throws Exception {
        List<String> lines = PhpAndRubyLoggers.lines(out, "monolog-line.log");
        List<JsonNode> raw = raw("monolog-json.log"); // the same calls, as JSON
        assertThat(lines).hasSize(MONOLOG_LEVELS.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            JsonNode e = decodeBoth(line, "monolog");
            assertThat(at(e, "/log/level")).isEqualTo(MONOLOG_LEVELS.get(i));
            assertThat(time(e)).isEqualTo(OffsetDateTime.parse(line.substring(1, line.indexOf(']'))).toInstant());
            assertThat(at(e, "/log/logger")).isEqualTo(raw.get(i).get("channel").asText());
            // the message, then the context and extra as Monolog rendered them
            if (i < 9) assertThat(at(e, "/message")).isEqualTo(line.substring(line.indexOf(": ") + 2)).startsWith(raw.get(i).get("message").asText());
        }
        // the exception in the context, as Monolog renders it: "[object] (RuntimeException(code: 504): ... at path:line)"
        JsonNode failed = decode(lines.get(4), "auto");
        assertThat(at(failed, "/error/type")).isEqualTo("RuntimeException");
        assertThat(at(failed, "/error/message")).isEqualTo("gateway timeout after 1250 cents");
        assertThat(at(failed, "/error/stack_trace")).isEqualTo(phpPrinted().lines().findFirst().orElseThrow());
        // no context, no extra: "[] []", dropped
        assertThat(lines.get(9)).endsWith("login throttled [] []");
        assertThat(at(decode(lines.get(9), "auto"), "/message")).isEqualTo("login throttled");
    }

    @Test
    void monologLineFormatterAsLaravelSetsItUp() throws Exception {
        // Laravel: date without fraction or offset, inline line breaks (its stack trace runs over the next lines)
        List<String> firsts = PhpAndRubyLoggers.lines(out, "monolog-laravel.log").stream().filter(l -> l.startsWith("[20")).toList();
        List<JsonNode> raw = raw("monolog-json.log");
        assertThat(firsts).hasSize(MONOLOG_LEVELS.size());
        for (int i = 0; i < firsts.size(); i++) {
            String line = firsts.get(i);
            JsonNode e = decodeBoth(line, "monolog");
            assertThat(at(e, "/log/level")).isEqualTo(MONOLOG_LEVELS.get(i));
            assertThat(time(e)).isEqualTo(LocalDateTime.parse(line.substring(1, 20),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toInstant(ZoneOffset.UTC));
            assertThat(at(e, "/message")).startsWith(raw.get(i).get("message").asText());
        }
        // empty context and extra are left out: no trailing spaces
        assertThat(firsts.get(9)).endsWith("login throttled  ");
        assertThat(at(decode(firsts.get(9), "auto"), "/message")).isEqualTo("login throttled");
    }

    @Test
    void rubyLogger() throws Exception {
        Pattern header = Pattern.compile("^([A-Z]), \\[(\\S+) #(\\d+)\\] +(\\w+) -- (.*?): (.*)$");
        List<String> firsts = PhpAndRubyLoggers.lines(out, "ruby-logger.log").stream().filter(l -> header.matcher(l).matches()).toList();
        // debug, info, warn, error, fatal, unknown (A: no level; what a record without one gets on stdout), two lines,
        // Logger's error(e), no progname, after
        List<String> levels = List.of("debug", "info", "warn", "error", "fatal", "info", "info", "error", "info", "info");
        assertThat(firsts).hasSize(levels.size());
        for (int i = 0; i < firsts.size(); i++) {
            String line = firsts.get(i);
            Matcher m = header.matcher(line);
            assertThat(m.matches()).isTrue();
            JsonNode e = decodeBoth(line, "ruby_logger");
            assertThat(at(e, "/log/level")).as(line).isEqualTo(levels.get(i));
            assertThat(time(e)).isEqualTo(LocalDateTime.parse(m.group(2)).toInstant(ZoneOffset.UTC));
            assertThat(e.at("/process/pid").asLong()).isEqualTo(Long.parseLong(m.group(3)));
            if (m.group(5).isEmpty()) assertThat(e.at("/log/logger").isMissingNode()).isTrue();
            else assertThat(at(e, "/log/logger")).isEqualTo(m.group(5)).isEqualTo("shop");
            assertThat(at(e, "/message")).isEqualTo(m.group(6));
        }
        assertThat(firsts.get(5)).startsWith("A, ").contains(" ANY -- ");
        assertThat(at(decode(firsts.get(8), "auto"), "/message")).isEqualTo("no progname");
    }

    @Test
    void railsProductionLogging() throws Exception {
        PhpAndRubyLoggers.writeRails(out);
        // Logger::Formatter with TaggedLogging's request id: the tags stay in the message
        List<String> firsts = PhpAndRubyLoggers.lines(out, "rails.log").stream().filter(l -> l.matches("^[A-Z], \\[.*")).toList();
        assertThat(firsts).hasSize(9);
        for (String line : firsts) {
            JsonNode e = decodeBoth(line, "ruby_logger");
            assertThat(at(e, "/message")).isEqualTo(line.substring(line.indexOf(" -- : ") + 6)).startsWith("[");
            assertThat(at(e, "/log/level")).isEqualTo(line.startsWith("F, ") ? "fatal" : "info");
        }
    }
}
