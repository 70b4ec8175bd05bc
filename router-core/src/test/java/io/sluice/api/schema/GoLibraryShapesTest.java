package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.core.testkit.GoLibraries;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Go's logging libraries really write (zap 1.23, zerolog 1.26.1, logrus 1.9.0, go-kit/log 0.2.1, hclog
 * 0.11.0: Debian 12's packages, run by {@code src/test/go/write_logs.go}), one record per line, decoded as
 * {@code format: auto} reads it and as the format a user would name ({@code json}, {@code logfmt}, the
 * layout), which must agree. The expected values are read from the libraries' own output (their JSON, with
 * Jackson; their text, by position) or are what the program logged. Stack traces on lines of their own
 * (zap's development logger, a Go panic) are joined by the inputs' {@code go} multiline rule:
 * {@code GoTracesTest} in the inputs module.
 */
class GoLibraryShapesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DecodeOptions REPAIR = new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.REPAIR, false);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    /** The lines of a run's output that start a record (not the frames zap writes under one). */
    private static List<String> lines(String text) {
        // a frame's function line has no space; its file line starts with a tab
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("\t") && l.indexOf(' ') > 0).toList();
    }

    /** Each line decoded with {@code format: auto} and with {@code format}, which must agree, without tags. */
    private static List<JsonNode> events(List<String> lines, String format) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode e = ShapeChecks.decodeChecked(line, "auto", REPAIR);
            assertThat(withoutCreated(ShapeChecks.decodeChecked(line, format, REPAIR))).as("%s as %s", line, format)
                    .isEqualTo(withoutCreated(e));
            assertThat(e.at("/tags").isMissingNode()).as("no tags (timestamp_missing, parse_failed, invalid_*): %s from %s", e, line)
                    .isTrue();
            events.add(e);
        }
        return events;
    }

    private static JsonNode withoutCreated(JsonNode e) {
        JsonNode copy = e.deepCopy();
        ((ObjectNode) copy.get("event")).remove("created");
        return copy;
    }

    private static List<JsonNode> raw(List<String> lines) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) records.add(MAPPER.readTree(line));
        return records;
    }

    private static String at(JsonNode e, String pointer) {
        return e.at(pointer).asText();
    }

    private static Instant time(JsonNode e) {
        return Instant.parse(at(e, "/@timestamp"));
    }

    private static List<String> levels(List<JsonNode> events) {
        return events.stream().map(e -> at(e, "/log/level")).toList();
    }

    /**
     * The same calls' JSON output ({@code jsonScenario}), decoded: a text output's events have its levels
     * and messages, in order.
     */
    private static List<JsonNode> sameCallsAsJson(String jsonScenario, List<JsonNode> textEvents) throws Exception {
        List<JsonNode> json = events(lines(GoLibraries.run(jsonScenario).stdout()), "json");
        assertThat(levels(textEvents)).isEqualTo(levels(json));
        assertThat(textEvents).extracting(e -> at(e, "/message")).isEqualTo(json.stream().map(e -> at(e, "/message")).toList());
        return json;
    }

    /** {@code path:line} as the library wrote it, against the event's origin. */
    private static void assertCaller(JsonNode e, String caller) {
        int colon = caller.lastIndexOf(':');
        assertThat(at(e, "/log/origin/file/name")).isEqualTo(caller.substring(0, colon));
        assertThat(e.at("/log/origin/file/line").asLong()).isEqualTo(Long.parseLong(caller.substring(colon + 1)));
    }

    @Test
    void zapProductionJson() throws Exception {
        GoLibraries.Output run = GoLibraries.run("zap-production");
        List<String> lines = lines(run.stderr()); // zap's production logger writes to standard error
        List<JsonNode> events = events(lines, "json");
        List<JsonNode> raw = raw(lines);
        // debug is below the production logger's level; dpanic and panic are zap's levels above error
        assertThat(raw).extracting(r -> r.get("level").asText()).containsExactly("info", "warn", "error", "dpanic", "panic", "info");
        assertThat(levels(events)).containsExactly("info", "warn", "error", "fatal", "fatal", "info");
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            JsonNode r = raw.get(i);
            assertThat(at(e, "/message")).isEqualTo(r.get("msg").asText());
            // ts: float seconds, to the microsecond as zap writes them (the float's last digits are not exact)
            Instant ts = Instant.ofEpochSecond(0, new BigDecimal(r.get("ts").asText()).movePointRight(9).longValue());
            assertThat(time(e)).isBetween(ts.minusNanos(1_000), ts.plusNanos(1_000));
            assertThat(at(e, "/log/logger")).isEqualTo("checkout");
            assertCaller(e, r.get("caller").asText());
        }
        assertThat(events.get(0).at("/attributes/attempt").asInt()).isEqualTo(2);
        JsonNode failed = events.get(2);
        assertThat(at(failed, "/error/message")).isEqualTo("connection refused");
        assertThat(at(failed, "/trace/id")).isEqualTo(TRACE_ID);
        for (int i : new int[] {2, 3, 4}) {
            JsonNode e = events.get(i);
            assertThat(at(e, "/error/stack_trace")).isEqualTo(raw.get(i).get("stacktrace").asText()).startsWith("main.zapLogs");
            // a Go trace names no error type: its first line is a function, not "Type: message"
            assertThat(e.at("/error/type").isMissingNode()).as("error.type of %s", e).isTrue();
        }
    }

    @Test
    void zapDevelopmentConsole() throws Exception {
        String out = GoLibraries.run("zap-development").stderr();
        List<String> lines = Arrays.stream(out.split("\n")).filter(l -> l.startsWith("20")).toList();
        List<JsonNode> events = events(lines, "zap_console");
        assertThat(levels(events)).containsExactly("debug", "info", "warn", "error", "fatal", "fatal", "info");
        List<String> messages = List.of("cache warmed", "user signed in", "disk low", "request failed", "invariant broken",
                "cannot continue", "after the panic");
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String[] cols = lines.get(i).split("\t");
            assertThat(time(e)).isEqualTo(Instant.parse(cols[0]));
            assertThat(cols[2]).isEqualTo("checkout");
            assertThat(at(e, "/log/logger")).isEqualTo(cols[2]);
            assertCaller(e, cols[3]);
            assertThat(at(e, "/message")).isEqualTo(messages.get(i)).isEqualTo(cols[4]);
        }
        assertThat(events.get(0).at("/attributes/entries").asInt()).isEqualTo(42);
        assertThat(at(events.get(3), "/error/message")).isEqualTo("connection refused");
        assertThat(at(events.get(3), "/trace/id")).isEqualTo(TRACE_ID);
        // the stack trace under a line, as the go multiline rule joins it, is its event's error.stack_trace
        int warn = out.indexOf("\tWARN\t");
        String record = out.substring(out.lastIndexOf('\n', warn) + 1, out.indexOf("\n20", warn));
        String frames = record.substring(record.indexOf('\n') + 1);
        assertThat(frames).startsWith("main.zapLogs\n\t");
        for (String format : List.of("auto", "zap_console")) {
            JsonNode e = ShapeChecks.decodeChecked(record, format, REPAIR);
            assertThat(at(e, "/message")).isEqualTo("disk low");
            assertThat(at(e, "/error/stack_trace")).isEqualTo(frames);
            assertThat(e.at("/error/type").isMissingNode()).isTrue();
        }
    }

    private static void assertZerologJson(String scenario) throws Exception {
        List<String> lines = lines(GoLibraries.run(scenario).stdout());
        List<JsonNode> events = events(lines, "json");
        List<JsonNode> raw = raw(lines);
        assertThat(levels(events)).containsExactly("trace", "debug", "info", "warn", "error", "error", "fatal", "info");
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            JsonNode r = raw.get(i);
            assertThat(at(e, "/message")).isEqualTo(r.get("message").asText());
            JsonNode t = r.get("time");
            assertThat(time(e)).isEqualTo(t.isNumber() ? Instant.ofEpochSecond(t.asLong()) : Instant.parse(t.asText()));
            assertCaller(e, r.get("caller").asText());
            assertThat(at(e, "/attributes/component")).isEqualTo("checkout");
        }
        assertThat(at(events.get(4), "/error/message")).isEqualTo("connection refused");
        assertThat(at(events.get(4), "/trace/id")).isEqualTo(TRACE_ID);
        // .Stack() with pkg/errors: zerolog writes the frames as an array, rendered as Go prints a trace
        JsonNode stacked = events.get(5);
        assertThat(at(stacked, "/error/message")).isEqualTo("payment: connection refused");
        StringBuilder expected = new StringBuilder();
        for (JsonNode f : raw.get(5).get("stack")) {
            if (!expected.isEmpty()) expected.append('\n');
            expected.append(f.get("func").asText()).append("\n\t").append(f.get("source").asText()).append(':').append(f.get("line").asText());
        }
        assertThat(at(stacked, "/error/stack_trace")).isEqualTo(expected.toString()).startsWith("zerologLogs\n\twrite_logs.go:");
        assertThat(stacked.at("/error/type").isMissingNode()).isTrue();
        assertThat(stacked.at("/attributes/stack").isMissingNode()).isTrue();
    }

    @Test
    void zerologJsonWithRfc3339Time() throws Exception {
        assertZerologJson("zerolog");
    }

    @Test
    void zerologJsonWithUnixTime() throws Exception {
        assertZerologJson("zerolog-unix");
    }

    @Test
    void zerologConsoleWriter() throws Exception {
        List<String> lines = lines(GoLibraries.run("zerolog-console").stdout());
        List<JsonNode> events = events(lines, "zerolog_console");
        List<JsonNode> json = sameCallsAsJson("zerolog", events);
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String line = lines.get(i);
            // time.Kitchen: 7:04PM, to the minute, today (in the input's zone, UTC here)
            LocalTime kitchen = LocalTime.parse(line.substring(0, line.indexOf(' ')), DateTimeFormatter.ofPattern("h:mma", Locale.ROOT));
            assertThat(time(e)).isEqualTo(LocalDate.now(ZoneOffset.UTC).atTime(kitchen).toInstant(ZoneOffset.UTC));
            assertThat(e.at("/log/origin/file/line")).isEqualTo(json.get(i).at("/log/origin/file/line"));
            assertThat(at(json.get(i), "/log/origin/file/name")).endsWith(at(e, "/log/origin/file/name"));
            // the fields are read as logfmt, whose table takes component for the logger's name (go-kit's habit)
            assertThat(at(e, "/log/logger")).isEqualTo("checkout");
        }
        assertThat(at(events.get(2), "/attributes/user")).isEqualTo("u1");
        assertThat(at(events.get(4), "/error/message")).isEqualTo("connection refused");
        assertThat(at(events.get(4), "/trace/id")).isEqualTo(TRACE_ID);
        assertThat(at(events.get(5), "/error/message")).isEqualTo("payment: connection refused");
    }

    private static final List<String> LOGRUS_LEVELS = List.of("trace", "debug", "info", "warn", "error", "fatal", "info");

    @Test
    void logrusJsonFormatter() throws Exception {
        List<String> lines = lines(GoLibraries.run("logrus-json").stdout());
        List<JsonNode> events = events(lines, "json");
        List<JsonNode> raw = raw(lines);
        assertThat(raw.get(3).get("level").asText()).isEqualTo("warning");
        assertThat(levels(events)).isEqualTo(LOGRUS_LEVELS);
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            JsonNode r = raw.get(i);
            assertThat(at(e, "/message")).isEqualTo(r.get("msg").asText());
            assertThat(time(e)).isEqualTo(Instant.parse(r.get("time").asText()));
            assertThat(at(e, "/log/origin/function")).isEqualTo(r.get("func").asText());
            assertCaller(e, r.get("file").asText());
        }
        assertThat(at(events.get(4), "/error/message")).isEqualTo("connection refused");
        assertThat(at(events.get(4), "/trace/id")).isEqualTo(TRACE_ID);
    }

    @Test
    void logrusTextFormatter() throws Exception {
        // not a terminal: logrus writes logfmt, time="..." first
        List<String> lines = lines(GoLibraries.run("logrus-text").stdout());
        List<JsonNode> events = events(lines, "logfmt");
        List<JsonNode> json = sameCallsAsJson("logrus-json", events);
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            JsonNode j = json.get(i);
            assertThat(lines.get(i)).startsWith("time=\"");
            assertThat(time(e)).isEqualTo(Instant.parse(lines.get(i).substring(6, lines.get(i).indexOf('"', 6))));
            assertThat(at(e, "/log/origin/function")).isEqualTo(at(j, "/log/origin/function"));
            assertThat(at(e, "/log/origin/file/name")).isEqualTo(at(j, "/log/origin/file/name"));
            assertThat(e.at("/log/origin/file/line").asLong()).isEqualTo(j.at("/log/origin/file/line").asLong()).isPositive();
        }
        assertThat(at(events.get(4), "/error/message")).isEqualTo("connection refused");
        assertThat(at(events.get(4), "/trace/id")).isEqualTo(TRACE_ID);
        assertThat(at(events.get(2), "/attributes/user")).isEqualTo("u1");
    }

    private static final List<String> GOKIT_LEVELS = List.of("debug", "info", "warn", "error");

    @Test
    void goKitLogfmtLogger() throws Exception {
        List<String> lines = lines(GoLibraries.run("gokit-logfmt").stdout());
        List<JsonNode> events = events(lines, "logfmt");
        assertThat(levels(events)).isEqualTo(GOKIT_LEVELS);
        for (int i = 0; i < events.size(); i++) {
            String line = lines.get(i);
            assertThat(line).startsWith("level=");
            String ts = line.substring(line.indexOf(" ts=") + 4, line.indexOf(' ', line.indexOf(" ts=") + 1));
            assertThat(time(events.get(i))).isEqualTo(Instant.parse(ts));
            String caller = line.substring(line.indexOf(" caller=") + 8, line.indexOf(' ', line.indexOf(" caller=") + 1));
            assertCaller(events.get(i), caller);
        }
        assertThat(at(events.get(1), "/message")).isEqualTo("user signed in");
        assertThat(at(events.get(3), "/error/message")).isEqualTo("connection refused");
        assertThat(at(events.get(3), "/trace/id")).isEqualTo(TRACE_ID);
    }

    @Test
    void goKitJsonLogger() throws Exception {
        List<String> lines = lines(GoLibraries.run("gokit-json").stdout());
        List<JsonNode> events = events(lines, "json");
        List<JsonNode> raw = raw(lines);
        assertThat(levels(events)).isEqualTo(GOKIT_LEVELS);
        for (int i = 0; i < events.size(); i++) {
            assertThat(at(events.get(i), "/message")).isEqualTo(raw.get(i).get("msg").asText());
            assertThat(time(events.get(i))).isEqualTo(Instant.parse(raw.get(i).get("ts").asText()));
            assertCaller(events.get(i), raw.get(i).get("caller").asText());
        }
        assertThat(at(events.get(3), "/error/message")).isEqualTo("connection refused");
    }

    private static final List<String> HCLOG_LEVELS = List.of("trace", "debug", "info", "warn", "error", "info");

    @Test
    void hclogJsonFormat() throws Exception {
        List<String> lines = lines(GoLibraries.run("hclog-json").stdout());
        List<JsonNode> events = events(lines, "json");
        List<JsonNode> raw = raw(lines);
        assertThat(levels(events)).isEqualTo(HCLOG_LEVELS);
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            JsonNode r = raw.get(i);
            assertThat(at(e, "/message")).isEqualTo(r.get("@message").asText());
            assertThat(time(e)).isEqualTo(Instant.parse(r.get("@timestamp").asText()));
            assertThat(at(e, "/log/logger")).isEqualTo(r.get("@module").asText());
            assertCaller(e, r.get("@caller").asText());
        }
        assertThat(at(events.get(5), "/log/logger")).isEqualTo("checkout.db");
        assertThat(at(events.get(4), "/error/message")).isEqualTo("connection refused");
        assertThat(at(events.get(2), "/attributes/user")).isEqualTo("u1");
    }

    @Test
    void hclogTextFormat() throws Exception {
        List<String> lines = lines(GoLibraries.run("hclog").stdout());
        List<JsonNode> events = events(lines, "hclog");
        List<JsonNode> json = sameCallsAsJson("hclog-json", events);
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String line = lines.get(i);
            assertThat(time(e)).isEqualTo(Instant.parse(line.substring(0, line.indexOf(' '))));
            assertThat(at(e, "/log/logger")).isEqualTo(at(json.get(i), "/log/logger"));
            assertThat(e.at("/log/origin/file/line")).isEqualTo(json.get(i).at("/log/origin/file/line"));
            assertThat(at(json.get(i), "/log/origin/file/name")).endsWith(at(e, "/log/origin/file/name"));
        }
        assertThat(at(events.get(4), "/error/message")).isEqualTo("connection refused");
        assertThat(at(events.get(4), "/trace/id")).isEqualTo(TRACE_ID);
        assertThat(at(events.get(2), "/attributes/user")).isEqualTo("u1");
    }
}
