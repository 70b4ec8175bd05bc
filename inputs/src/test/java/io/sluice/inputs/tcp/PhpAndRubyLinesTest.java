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

    private final FileOverTcp tcp = new FileOverTcp();

    @BeforeAll
    static void runLoggers() throws Exception {
        PhpAndRubyLoggers.writeMonolog(logs);
        PhpAndRubyLoggers.writeRubyLogger(logs);
    }

    @AfterEach
    void stop() throws InterruptedException {
        tcp.close();
    }

    private List<LogEvent> send(String file, String options, int count) throws Exception {
        return tcp.send(logs.resolve(file), options, count, dir);
    }

    private static String joined(String startPattern) {
        return "{\"listen\":\"127.0.0.1:0\",\"multiline\":{\"start_pattern\":\"" + startPattern.replace("\\", "\\\\")
                + "\",\"flush_timeout\":\"300ms\"}}";
    }

    private static final List<Level> MONOLOG_LEVELS = List.of(Level.INFO, Level.WARN, Level.INFO, Level.ERROR, Level.ERROR,
            Level.FATAL, Level.FATAL, Level.FATAL, Level.DEBUG, Level.WARN);

    @Test
    void rubyLoggerWithItsBacktraces() throws Exception {
        List<LogEvent> events = send("ruby-logger.log", joined("[DIWEFA], \\["), 11);
        assertThat(events).extracting(LogEvent::level).containsExactly(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR,
                Level.FATAL, Level.INFO, Level.INFO, Level.FATAL, Level.ERROR, Level.INFO, Level.INFO);
        assertThat(events.get(0).logger()).isEqualTo("shop");
        assertThat(events.get(0).pid()).isPositive();
        assertThat(events.get(6).message()).isEqualTo("first line\nsecond line");
        for (LogEvent failed : events.subList(7, 9)) {
            assertThat(failed.errorType()).isEqualTo("ArgumentError");
            assertThat(failed.errorMessage()).isEqualTo("card declined for 1250 cents");
            assertThat(failed.errorStackTrace()).contains("write_logs.rb:16:in `send_request'\n")
                    .endsWith("write_logs.rb:31:in `<main>'");
        }
        assertThat(events.get(7).message()).isEqualTo("ArgumentError (card declined for 1250 cents):");
        assertThat(events.get(8).message()).isEqualTo("card declined for 1250 cents (ArgumentError)");
        assertThat(events.get(9).logger()).isNull();
        assertThat(events.get(10).message()).isEqualTo("after the exception");
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
