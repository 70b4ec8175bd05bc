package io.sluice.inputs.tcp;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.PhpAndRubyLoggers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PHP Monolog's and Ruby's Logger's real output (router-core's {@code write_logs.php} and {@code write_logs.rb})
 * sent over a TCP connection as {@code app | nc} would, to a {@code tcp} input with {@code format: auto} and
 * the {@code multiline} a user sets for a layout whose records run over several lines ({@code start_pattern}
 * on the header), or {@code format: json}: each record is one event with its level, logger and
 * {@code error.*}.
 */
class PhpAndRubyLinesTest {
    @TempDir
    static Path logs;
    @TempDir
    Path dir;

    private final OneConnection connection = new OneConnection();

    @BeforeAll
    static void runLoggers() throws Exception {
        PhpAndRubyLoggers.writeMonolog(logs);
        PhpAndRubyLoggers.writeRubyLogger(logs);
    }

    @AfterEach
    void stop() throws InterruptedException {
        connection.close();
    }

    private List<LogEvent> send(String file, String options, int count) throws Exception {
        return connection.sendReadable(logs.resolve(file), options, count, dir);
    }

    private static String joined(String startPattern) {
        return "{\"listen\":\"127.0.0.1:0\",\"multiline\":{\"start_pattern\":\"" + startPattern.replace("\\", "\\\\")
                + "\",\"flush_timeout\":\"300ms\"}}";
    }

    private static final List<Level> MONOLOG_LEVELS = List.of(Level.INFO, Level.WARN, Level.INFO, Level.ERROR, Level.ERROR,
            Level.FATAL, Level.FATAL, Level.FATAL, Level.DEBUG, Level.WARN);

    private static final String RUBY_HEADER = "[DIWEFA], \\[";

    @Test
    void rubyLoggerWithItsBacktrace() throws Exception {
        List<LogEvent> events = send("ruby-logger.log", joined(RUBY_HEADER), 10);
        assertThat(events).extracting(LogEvent::level).containsExactly(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR,
                Level.FATAL, Level.INFO, Level.INFO, Level.ERROR, Level.INFO, Level.INFO);
        assertThat(events.get(0).logger()).isEqualTo("shop");
        assertThat(events.get(0).pid()).isPositive();
        assertThat(events.get(6).message()).isEqualTo("first line\nsecond line");
        LogEvent failed = events.get(7);
        assertThat(failed.message()).isEqualTo("card declined for 1250 cents (ArgumentError)");
        assertThat(failed.errorType()).isEqualTo("ArgumentError");
        assertThat(failed.errorMessage()).isEqualTo("card declined for 1250 cents");
        assertThat(failed.errorStackTrace()).startsWith("card declined for 1250 cents (ArgumentError)\n")
                .contains("write_logs.rb:15:in `send_request'\n").endsWith("write_logs.rb:30:in `<main>'");
        assertThat(events.get(8).logger()).isNull();
        assertThat(events.get(9).message()).isEqualTo("after the exception");
    }

    /**
     * A Rails 6.1 application logging as production.rb sets it up (Logger::Formatter, TaggedLogging with the
     * request id): the exception DebugExceptions logs, a FATAL record whose every line starts with the request's
     * tag, is one event; its trace is the lines without the tag.
     */
    @Test
    void railsProductionLogWithAnException() throws Exception {
        PhpAndRubyLoggers.writeRails(logs);
        List<LogEvent> events = send("rails.log", joined(RUBY_HEADER), 9);
        assertThat(events).extracting(LogEvent::message).allMatch(m -> m.startsWith("["));
        assertThat(events.get(0).message()).contains("] Started GET \"/orders\"");
        LogEvent failed = events.get(8);
        assertThat(failed.level()).isEqualTo(Level.FATAL);
        String log = Files.readString(logs.resolve("rails.log"));
        String fatal = log.substring(log.indexOf("\nF, ") + 1).strip();
        String tag = fatal.substring(fatal.indexOf(" -- : ") + 6, fatal.indexOf("] ", fatal.indexOf(" -- : ")) + 2);
        assertThat(failed.message()).isEqualTo(tag + "ArgumentError (card declined for 1250 cents):");
        assertThat(failed.errorType()).isEqualTo("ArgumentError");
        assertThat(failed.errorMessage()).isEqualTo("card declined for 1250 cents");
        String lines = fatal.substring(fatal.indexOf('\n') + 1);
        assertThat(failed.errorStackTrace()).isEqualTo(lines.replace(tag, ""))
                .startsWith("ArgumentError (card declined for 1250 cents):\n  \n")
                .contains("rails_app.rb:37:in `charge'\n").doesNotContain(tag);
    }

    /** lograge's Json formatter in the same application: the request's line is a Logger line whose message is lograge's JSON. */
    @Test
    void railsWithLogrageJson() throws Exception {
        PhpAndRubyLoggers.writeRails(logs);
        List<LogEvent> events = send("rails-lograge.log", joined(RUBY_HEADER), 4);
        assertThat(events).extracting(LogEvent::level).containsExactly(Level.INFO, Level.INFO, Level.INFO, Level.FATAL);
        assertThat(events.get(2).message()).contains("] {\"method\":\"GET\",\"path\":\"/charge\"").contains("\"status\":500");
        assertThat(events.get(3).errorType()).isEqualTo("ArgumentError");
    }

    @Test
    void monologAsLaravelWritesItWithItsStackTrace() throws Exception {
        List<LogEvent> events = send("monolog-laravel.log", joined("\\[\\d{4}-\\d{2}-\\d{2} "), 10);
        assertThat(events).extracting(LogEvent::level).containsExactlyElementsOf(MONOLOG_LEVELS);
        assertThat(events).extracting(LogEvent::logger).containsOnly("app", "security");
        // the stack trace Laravel writes inside the context's JSON: the exception as PHP prints it; the message keeps it too
        LogEvent failed = events.get(4);
        assertThat(failed.message()).startsWith("charge failed {\"exception\":\"[object] (RuntimeException(code: 504)")
                .contains("\n[stacktrace]\n#0 ").contains("\n#3 {main}\n");
        assertThat(failed.errorType()).isEqualTo("RuntimeException");
        assertThat(failed.errorMessage()).isEqualTo("gateway timeout after 1250 cents");
        assertThat(failed.errorStackTrace()).isEqualTo(Files.readString(logs.resolve("monolog-exception.log")).strip())
                .contains("\n#3 {main}");
        assertThat(events.get(9).message()).isEqualTo("login throttled");
    }

    @Test
    void monologJsonFormatterOverFormatJson() throws Exception {
        List<LogEvent> events = send("monolog-json-trace.log", "{\"listen\":\"127.0.0.1:0\",\"format\":\"json\"}", 10);
        assertThat(events).extracting(LogEvent::level).containsExactlyElementsOf(MONOLOG_LEVELS);
        LogEvent failed = events.get(4);
        assertThat(failed.logger()).isEqualTo("app");
        assertThat(failed.errorType()).isEqualTo("RuntimeException");
        assertThat(failed.errorStackTrace()).startsWith("RuntimeException: gateway timeout after 1250 cents in /")
                .contains("\nStack trace:\n#0 /").contains("write_logs.php:");
        assertThat(failed.originFunction()).isEqualTo("run");
    }
}
