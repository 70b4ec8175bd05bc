package io.sluice.inputs.tcp;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.PythonLibraries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * loguru's and structlog's real text output (router-core's {@code write_logs.py}), a logged exception's
 * traceback on the lines under its message, sent over a TCP connection as {@code app.py | nc} would, to a
 * {@code tcp} input with {@code format: auto} and {@code multiline: {mode: python}}: a traceback is one
 * event with its message, level and {@code error.*}; the lines around it are events of their own.
 */
class PythonTracebacksTest {
    private static final String TRACE_END = "ZeroDivisionError: division by zero";

    @TempDir
    static Path logs;
    @TempDir
    Path dir;

    private final OneConnection connection = new OneConnection();

    @BeforeAll
    static void runLibraries() throws Exception {
        PythonLibraries.writeLogs(logs);
    }

    @AfterEach
    void stop() throws InterruptedException {
        connection.close();
    }

    private List<LogEvent> send(String file, String options, int count) throws Exception {
        return connection.sendReadable(logs.resolve(file), options, count, dir);
    }

    private static final String AUTO_PYTHON = "{\"listen\":\"127.0.0.1:0\",\"multiline\":{\"mode\":\"python\",\"flush_timeout\":\"300ms\"}}";

    private static void assertDivisionFailed(LogEvent e) {
        assertThat(e.message()).isEqualTo("division failed");
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.errorType()).isEqualTo("ZeroDivisionError");
        assertThat(e.errorMessage()).isEqualTo("division by zero");
        assertThat(e.errorStackTrace()).startsWith("Traceback (most recent call last):\n").endsWith(TRACE_END);
    }

    @Test
    void loguruDefaultSinkWithItsTraceback() throws Exception {
        List<LogEvent> events = send("loguru.txt", AUTO_PYTHON, 6);
        assertThat(events).extracting(LogEvent::message).containsExactly("user signed in", "disk low", "order placed",
                "request failed", "division failed", "after the traceback");
        assertThat(events).extracting(LogEvent::level).containsExactly(Level.INFO, Level.WARN, Level.INFO, Level.ERROR,
                Level.ERROR, Level.INFO);
        LogEvent failed = events.get(4);
        assertDivisionFailed(failed);
        // loguru marks the frame that caught the exception with "> File", unindented; the blank lines it writes
        // between frames are empty records, which the tcp input drops (a container's json-file keeps them: MultilineTest)
        String text = Files.readString(logs.resolve("loguru.txt"));
        assertThat(failed.errorStackTrace())
                .isEqualTo(text.substring(text.indexOf("Traceback"), text.indexOf(TRACE_END) + TRACE_END.length())
                        .replace("\n\n", "\n"))
                .contains("\n> File \"");
        assertThat(failed.logger()).isEqualTo("__main__");
        assertThat(failed.originFunction()).isEqualTo("loguru_logs");
    }

    @Test
    void structlogConsoleRendererWithItsTraceback() throws Exception {
        List<LogEvent> events = send("structlog.txt", AUTO_PYTHON, 5);
        assertThat(events).extracting(LogEvent::level).containsExactly(Level.INFO, Level.WARN, Level.ERROR, Level.ERROR,
                Level.INFO);
        assertThat(events.get(0).message()).startsWith("user signed in ").endsWith(" attempt=2 user=u1");
        assertDivisionFailed(events.get(3));
        assertThat(events.get(4).message()).isEqualTo("after the traceback");
    }

    @Test
    void loguruSerializedOverFormatJson() throws Exception {
        List<LogEvent> events = send("loguru.jsonl", "{\"listen\":\"127.0.0.1:0\",\"format\":\"json\"}", 6);
        assertThat(events).extracting(LogEvent::message).containsExactly("user signed in", "disk low", "order placed",
                "request failed", "division failed", "after the traceback");
        assertDivisionFailed(events.get(4));
        assertThat(events.get(4).errorStackTrace()).contains("\n> File \"");
        assertThat(events.get(4).logger()).isEqualTo("__main__");
    }
}
