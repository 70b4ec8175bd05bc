package io.sluice.inputs.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.core.testkit.GoLibraries;
import io.sluice.core.testkit.PhpAndRubyLoggers;
import io.sluice.core.testkit.PythonLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Multiline joining of Java, Python and Go traces (fixtures in src/test/resources/multiline, and real library output). */
class MultilineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String fixture(String name) throws IOException {
        try (InputStream in = MultilineTest.class.getResourceAsStream("/multiline/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<LogEvent> tail(String content, Map<String, Object> multiline, int expected) throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("app.log"), content);
        CollectingInputContext ctx = new CollectingInputContext("pods", dir.resolve("data"));
        ContainerInput in = Tails.start(multiline == null ? Map.of("paths", List.of(logs + "/*.log"))
                : Map.of("paths", List.of(logs + "/*.log"), "multiline", multiline), ctx);
        try {
            // the last event is sent by the flush timeout: nothing follows it
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= expected);
            Thread.sleep(300);
        } finally {
            Tails.stop(in);
        }
        assertThat(ctx.events()).hasSize(expected);
        return ctx.events();
    }

    @Test
    void javaTraceIsOneEventWithItsStackTrace() throws Exception {
        List<LogEvent> events = tail(fixture("java.log"), Map.of("mode", "java"), 3);
        LogEvent error = events.get(1);
        assertThat(error.message()).endsWith("Servlet.service() threw exception");
        assertThat(error.level()).hasToString("ERROR");
        assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.errorMessage()).isEqualTo("connection refused by inventory");
        assertThat(error.errorStackTrace()).startsWith("java.lang.IllegalStateException: connection refused")
                .contains("\n\tat com.example.shop.OrderService.place(OrderService.java:88)\n")
                .contains("Caused by: java.net.ConnectException").endsWith("\t... 2 common frames omitted");
        assertThat(events.get(2).message()).endsWith("retrying");
        assertThat(events.get(2).offset()).isEqualTo(fixture("java.log").indexOf("2026-01-02 03:04:07"));
    }

    @Test
    void pythonTracebackJoinsTheLoggedMessage() throws Exception {
        List<LogEvent> events = tail(fixture("python.log"), Map.of("mode", "python"), 3);
        LogEvent error = events.get(1);
        assertThat(error.message()).endsWith("ERROR app: request failed");
        assertThat(error.errorStackTrace()).startsWith("Traceback (most recent call last):")
                .endsWith("ValueError: bad quantity: '-1'");
        assertThat(error.errorType()).isEqualTo("ValueError");
        assertThat(events.get(2).message()).endsWith("next request");
    }

    /** Each line of a fixture as Docker's json-file driver writes it: a blank line stays a record. */
    private static String dockerLines(String fixture) throws IOException {
        return dockerLines(fixture, "stderr");
    }

    private static String dockerLines(String fixture, String stream) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : fixture.split("\n", -1)) {
            if (!sb.isEmpty() || !line.isEmpty()) sb.append(docker(line + "\n", stream));
        }
        return sb.toString();
    }

    /** A library's output file (its last newline dropped), a Docker json-file record per line, tailed as {@link #tail} does. */
    private List<LogEvent> tailAsDockerLines(Path output, String stream, Map<String, Object> multiline, int expected) throws Exception {
        String log = Files.readString(output);
        return tail(dockerLines(log.substring(0, log.length() - 1), stream), multiline, expected);
    }

    /**
     * PHP Monolog (router-core's write_logs.php runs it) in a container's Docker json-file on stdout: its
     * {@code LineFormatter} as Laravel sets it up, joined by the {@code start_pattern} a user sets for its
     * header (the stack trace inside the context's JSON stays in the message), and its {@code JsonFormatter}
     * with stack traces, a record per line: every event has Monolog's level and channel.
     */
    @Test
    void monologInDockerJsonFile() throws Exception {
        Path out = Files.createDirectories(dir.resolve("php"));
        PhpAndRubyLoggers.writeMonolog(out);
        List<String> levels = List.of("INFO", "WARN", "INFO", "ERROR", "ERROR", "FATAL", "FATAL", "FATAL", "DEBUG", "WARN");
        List<LogEvent> events = tailAsDockerLines(out.resolve("monolog-laravel.log"), "stdout",
                Map.of("start_pattern", "\\[\\d{4}-\\d{2}-\\d{2} "), 10);
        assertThat(events).extracting(e -> e.level().toString()).containsExactlyElementsOf(levels);
        assertThat(events.get(4).logger()).isEqualTo("app");
        assertThat(events.get(4).message()).contains("\n[stacktrace]\n#0 ").contains("\n#3 {main}\n");
        assertThat(events.get(4).errorStackTrace()).isEqualTo(Files.readString(out.resolve("monolog-exception.log")).strip());
        assertThat(events.get(9).message()).isEqualTo("login throttled");

        Files.delete(dir.resolve("logs/app.log"));
        events = tailAsDockerLines(out.resolve("monolog-json-trace.log"), "stdout", null, 10);
        assertThat(events).extracting(e -> e.level().toString()).containsExactlyElementsOf(levels);
        assertThat(events.get(4).errorType()).isEqualTo("RuntimeException");
        assertThat(events.get(4).errorMessage()).isEqualTo("gateway timeout after 1250 cents");
        assertThat(events.get(4).errorStackTrace()).contains("\nStack trace:\n#0 ");
        assertThat(events.get(9).logger()).isEqualTo("security");
    }

    /**
     * Ruby's Logger (router-core's write_logs.rb runs it) and a Rails 6.1 application's production log
     * (rails_app.rb) in a container's Docker json-file on stdout, joined by the {@code start_pattern} a user
     * sets for Logger's header: a message of two lines, and each logged exception with its backtrace (as
     * Logger formats an exception object, and as Rails' DebugExceptions logs one, tagged with the request
     * id) is one event, with {@code error.*}.
     */
    @Test
    void rubyLoggerBacktracesInDockerJsonFile() throws Exception {
        Path out = Files.createDirectories(dir.resolve("ruby"));
        PhpAndRubyLoggers.writeRubyLogger(out);
        PhpAndRubyLoggers.writeRails(out);
        Map<String, Object> header = Map.of("start_pattern", "[DIWEFA], \\[");
        List<LogEvent> events = tailAsDockerLines(out.resolve("ruby-logger.log"), "stdout", header, 10);
        assertThat(events).extracting(e -> e.level().toString()).containsExactly("DEBUG", "INFO", "WARN", "ERROR", "FATAL",
                "INFO", "INFO", "ERROR", "INFO", "INFO");
        assertThat(events.get(6).message()).isEqualTo("first line\nsecond line");
        String backtrace = "\n" + String.join("\n", Files.readString(out.resolve("ruby-logger.log")).lines()
                .filter(l -> l.matches(".*write_logs\\.rb:\\d+:in .*")).toList());
        LogEvent logged = events.get(7);
        assertThat(logged.message()).isEqualTo("card declined for 1250 cents (ArgumentError)");
        assertThat(logged.errorType()).isEqualTo("ArgumentError");
        assertThat(logged.errorMessage()).isEqualTo("card declined for 1250 cents");
        assertThat(logged.errorStackTrace()).isEqualTo("card declined for 1250 cents (ArgumentError)" + backtrace);
        assertThat(events.get(9).message()).isEqualTo("after the exception");

        Files.delete(dir.resolve("logs/app.log"));
        events = tailAsDockerLines(out.resolve("rails.log"), "stdout", header, 9);
        LogEvent rails = events.get(8);
        assertThat(rails.level()).hasToString("FATAL");
        assertThat(rails.message()).endsWith("] ArgumentError (card declined for 1250 cents):");
        assertThat(rails.errorType()).isEqualTo("ArgumentError");
        assertThat(rails.errorMessage()).isEqualTo("card declined for 1250 cents");
        assertThat(rails.errorStackTrace()).startsWith("ArgumentError (card declined for 1250 cents):\n  \n/")
                .contains("rails_app.rb:37:in `charge'\n").endsWith("rails_app.rb:56:in `<main>'").doesNotContain("] ");
    }

    /**
     * loguru's default sink (router-core's write_logs.py runs it) in a container's Docker json-file on
     * stderr: its traceback, blank lines and the {@code > File} of the frame that caught it included, is
     * one event, and every event has loguru's level, not stderr's.
     */
    @Test
    void loguruTracebackInDockerJsonFileIsOneEvent() throws Exception {
        Path out = Files.createDirectories(dir.resolve("python"));
        PythonLibraries.writeLogs(out);
        List<LogEvent> events = tailAsDockerLines(out.resolve("loguru.txt"), "stderr", Map.of("mode", "python"), 6);
        assertThat(events.get(0).message()).isEqualTo("user signed in");
        assertThat(events.get(0).level()).hasToString("INFO");
        LogEvent failed = events.get(4);
        assertThat(failed.message()).isEqualTo("division failed");
        assertThat(failed.level()).hasToString("ERROR");
        assertThat(failed.errorType()).isEqualTo("ZeroDivisionError");
        assertThat(failed.errorMessage()).isEqualTo("division by zero");
        assertThat(failed.errorStackTrace()).startsWith("Traceback (most recent call last):\n")
                .contains("\n\n> File \"").endsWith("ZeroDivisionError: division by zero");
        assertThat(events.get(5).message()).isEqualTo("after the traceback");
    }

    /**
     * python-chained.log: written by Python 3.11's logging.exception after a {@code raise ... from} and
     * after an exception raised in an except block; the blank lines around the chain headers reach the
     * joiner in Docker's json-file (a plain text file skips empty lines).
     */
    @Test
    void pythonChainedTracebacksStayInOneEvent() throws Exception {
        String log = fixture("python-chained.log");
        List<LogEvent> events = tail(dockerLines(log.substring(0, log.length() - 1)), Map.of("mode", "python"), 4);
        LogEvent cause = events.get(1);
        assertThat(cause.message()).endsWith("ERROR app: request failed");
        assertThat(cause.errorStackTrace()).startsWith("Traceback (most recent call last):")
                .contains("ValueError: invalid literal for int() with base 10: 'x'\n\n"
                        + "The above exception was the direct cause of the following exception:\n\nTraceback")
                .endsWith("KeyError: 'quantity'");
        // the exception that was logged is the last one in the chain
        assertThat(cause.errorType()).isEqualTo("KeyError");
        assertThat(cause.errorMessage()).isEqualTo("'quantity'");
        LogEvent context = events.get(2);
        assertThat(context.message()).endsWith("ERROR app: second request failed");
        assertThat(context.errorStackTrace())
                .contains("\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback")
                .endsWith("KeyError: 'missing'");
        assertThat(context.errorType()).isEqualTo("KeyError");
        assertThat(events.get(3).message()).endsWith("next request");
    }

    @Test
    void pythonChainedTracebacksInAPlainTextFileStayInOneEvent() throws Exception {
        List<LogEvent> events = tail(fixture("python-chained.log"), Map.of("mode", "python"), 4);
        assertThat(events.get(1).errorStackTrace())
                .contains("'x'\nThe above exception was the direct cause of the following exception:\nTraceback")
                .endsWith("KeyError: 'quantity'");
        assertThat(events.get(2).errorStackTrace()).endsWith("KeyError: 'missing'");
    }

    /** python-group.log: written by Python 3.11's logging.exception for an ExceptionGroup, all of it indented. */
    @Test
    void pythonExceptionGroupIsOneEvent() throws Exception {
        List<LogEvent> events = tail(fixture("python-group.log"), Map.of("mode", "python"), 3);
        LogEvent group = events.get(1);
        assertThat(group.message()).endsWith("ERROR app: group failed");
        assertThat(group.errorStackTrace()).startsWith("  + Exception Group Traceback (most recent call last):\n")
                .contains("    | ValueError: one\n").endsWith("    +------------------------------------");
        assertThat(group.errorType()).isEqualTo("ExceptionGroup");
        assertThat(group.errorMessage()).isEqualTo("many (2 sub-exceptions)");
        assertThat(events.get(2).message()).endsWith("next request");
    }

    @Test
    void aBlankLineAfterAPythonTraceThatNoChainFollowsIsNotKeptInTheTrace() throws Exception {
        String log = fixture("python.log").replace("'-1'\n", "'-1'\n\n");
        List<LogEvent> events = tail(dockerLines(log.substring(0, log.length() - 1)), Map.of("mode", "python"), 3);
        assertThat(events.get(1).errorStackTrace()).endsWith("ValueError: bad quantity: '-1'");
        assertThat(events.get(2).message()).endsWith("next request");
    }

    @Test
    void goPanicIsOneEvent() throws Exception {
        List<LogEvent> events = tail(fixture("go.log"), Map.of("mode", "go"), 3);
        LogEvent panic = events.get(1);
        assertThat(panic.message()).isEqualTo("panic: runtime error: index out of range [5] with length 3");
        assertThat(panic.errorStackTrace()).contains("goroutine 18 [running]:").endsWith("exit status 2");
        assertThat(events.get(2).message()).endsWith("listening on :8080");
    }

    /**
     * zap's development logger (router-core's write_logs.go runs it) in a container's Docker json-file on
     * stderr: the stack trace it writes under a line from warn on is that event's {@code error.stack_trace}.
     */
    @Test
    void zapDevelopmentStackTracesInDockerJsonFile() throws Exception {
        String out = GoLibraries.run("zap-development").stderr();
        List<LogEvent> events = tail(dockerLines(out.substring(0, out.length() - 1)), Map.of("mode", "go"), 7);
        assertThat(events).extracting(LogEvent::message).containsExactly("cache warmed", "user signed in", "disk low",
                "request failed", "invariant broken", "cannot continue", "after the panic");
        assertThat(events.get(0).errorStackTrace()).isNull();
        int warn = out.indexOf("\tWARN\t");
        String frames = out.substring(out.indexOf('\n', warn) + 1, out.indexOf("\n20", warn));
        assertThat(events.get(2).errorStackTrace()).isEqualTo(frames).startsWith("main.zapLogs\n\t");
        assertThat(events.get(2).level()).hasToString("WARN");
        assertThat(events.get(5).errorStackTrace()).startsWith("main.zapLogs.func2\n\t");
        assertThat(events.get(6).errorStackTrace()).isNull();
    }

    /**
     * zap's production JSON (its stacktrace inside the record), logrus' text and hclog's text, as a Go
     * service's container writes them, with {@code mode: go} on: every line is one event with its own
     * level and time, read by {@code format: auto}, and none is joined to another.
     */
    @Test
    void goJsonAndTextLinesInDockerJsonFileStayOneEventEach() throws Exception {
        String zap = GoLibraries.run("zap-production").stderr();
        String logrus = GoLibraries.run("logrus-text").stdout();
        String hclog = GoLibraries.run("hclog").stdout();
        String all = zap + logrus + hclog;
        List<LogEvent> events = tail(dockerLines(all.substring(0, all.length() - 1)), Map.of("mode", "go"), 6 + 7 + 6);
        for (LogEvent e : events) {
            assertThat(e.tags()).as("%s", e.message()).doesNotContain(Tags.PARSE_FAILED, Tags.TIMESTAMP_MISSING);
            assertThat(e.message()).doesNotContain("\n");
        }
        assertThat(events).extracting(e -> e.level().toString()).containsExactly("INFO", "WARN", "ERROR", "FATAL", "FATAL",
                "INFO", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "INFO", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "INFO");
        assertThat(events.get(2).errorStackTrace()).startsWith("main.zapLogs\n\t");
        assertThat(events.get(10).originFunction()).isEqualTo("main.logrusLogs");
        assertThat(events.get(18).logger()).isEqualTo("checkout.db");
    }

    /** A real Go runtime panic (write_logs.go) on stderr, a line on stdout before it: the panic is one event. */
    @Test
    void goRuntimePanicInDockerJsonFile() throws Exception {
        GoLibraries.Output run = GoLibraries.run("panic");
        StringBuilder sb = new StringBuilder(docker(run.stdout(), "stdout"));
        String err = run.stderr();
        for (String line : err.substring(0, err.length() - 1).split("\n", -1)) sb.append(docker(line + "\n", "stderr"));
        List<LogEvent> events = tail(sb.toString(), Map.of("mode", "go"), 2);
        assertThat(events.get(0).message()).isEqualTo("starting up");
        LogEvent panic = events.get(1);
        assertThat(panic.message()).isEqualTo("panic: assignment to entry in nil map");
        assertThat(panic.stream()).isEqualTo("stderr");
        // json-file keeps the empty line between the panic and its goroutine
        assertThat(panic.errorStackTrace()).isEqualTo(err.stripTrailing()).contains("\n\ngoroutine 1 [running]:\nmain.main()\n\t");
    }

    @Test
    void startPatternAndLineLimit() throws Exception {
        List<LogEvent> events = tail(fixture("java.log"), Map.of("start_pattern", "\\d{4}-\\d{2}-\\d{2} ", "max_lines", 4), 3);
        LogEvent error = events.get(1);
        assertThat(error.hasTag(Tags.TRUNCATED)).isTrue();
        assertThat(error.errorStackTrace()).contains("OrderService.place").doesNotContain("Caused by");
    }

    @Test
    void dockerLinesAreJoinedPerStream() throws Exception {
        StringBuilder sb = new StringBuilder();
        String[] lines = fixture("java.log").split("\n");
        for (int i = 0; i < lines.length; i++) {
            sb.append(docker(lines[i] + "\n", "stderr"));
            if (i == 3) sb.append(docker("an unrelated stdout line\n", "stdout"));
        }
        List<LogEvent> events = tail(sb.toString(), Map.of("mode", "java"), 4);
        assertThat(events).extracting(LogEvent::stream).containsOnly("stderr", "stdout");
        LogEvent error = events.stream().filter(e -> e.errorStackTrace() != null).findFirst().orElseThrow();
        assertThat(error.stream()).isEqualTo("stderr");
        assertThat(error.errorStackTrace()).contains("\n\tat com.example.shop.InventoryClient.reserve(")
                .endsWith("\t... 2 common frames omitted");
    }

    private static String docker(String log, String stream) throws IOException {
        return "{\"log\":" + JSON.writeValueAsString(log) + ",\"stream\":\"" + stream
                + "\",\"time\":\"2026-01-02T03:04:05.000000001Z\"}\n";
    }
}
