package io.sluice.inputs.tcp;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.core.testkit.GoLibraries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's real output (router-core's {@code write_logs.go}: zap's development logger, whose stack traces are
 * lines under the message, and a runtime panic) sent over a TCP connection as {@code app 2>&1 | nc} would,
 * to a {@code tcp} input with {@code format: auto} and {@code multiline: {mode: go}}: a trace is one event
 * with its message and level; the lines around it are events of their own.
 */
class GoTracesTest {
    private static final String AUTO_GO = "{\"listen\":\"127.0.0.1:0\",\"multiline\":{\"mode\":\"go\",\"flush_timeout\":\"300ms\"}}";

    @TempDir
    Path dir;

    private final OneConnection connection = new OneConnection();

    @AfterEach
    void stop() throws InterruptedException {
        connection.close();
    }

    private List<LogEvent> send(String text, String options, int count) throws Exception {
        return connection.send(text.getBytes(StandardCharsets.UTF_8), options, count, dir);
    }

    @Test
    void zapDevelopmentLoggerWithItsStackTraces() throws Exception {
        String out = GoLibraries.run("zap-development").stderr();
        List<LogEvent> events = send(out, AUTO_GO, 7);
        assertThat(events).extracting(LogEvent::message).containsExactly("cache warmed", "user signed in", "disk low",
                "request failed", "invariant broken", "cannot continue", "after the panic");
        assertThat(events).extracting(LogEvent::level).containsExactly(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR,
                Level.FATAL, Level.FATAL, Level.INFO);
        for (LogEvent e : events) {
            assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED, Tags.TIMESTAMP_MISSING);
            assertThat(e.logger()).isEqualTo("checkout");
            assertThat(e.originFile()).endsWith("write_logs.go");
        }
        // from warn on, the lines under the message are the trace, as zap wrote them
        String[] records = out.stripTrailing().split("\n(?=20)");
        for (int i = 0; i < events.size(); i++) {
            int nl = records[i].indexOf('\n');
            String frames = nl < 0 ? null : records[i].substring(nl + 1);
            assertThat(events.get(i).errorStackTrace()).as("trace of %s", events.get(i).message()).isEqualTo(frames);
            assertThat(events.get(i).errorType()).isNull();
        }
        assertThat(events.get(2).errorStackTrace()).startsWith("main.zapLogs\n\t/").contains("\nruntime.main\n\t");
        assertThat(events.get(3).errorMessage()).isEqualTo("connection refused");
    }

    @Test
    void goRuntimePanicIsOneEvent() throws Exception {
        GoLibraries.Output run = GoLibraries.run("panic");
        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("panic: ").contains("\n\ngoroutine 1 [running]:\nmain.main()\n\t");
        List<LogEvent> events = send(run.stdout() + run.stderr(), AUTO_GO, 2);
        assertThat(events.get(0).message()).isEqualTo("starting up");
        LogEvent panic = events.get(1);
        assertThat(panic.message()).isEqualTo("panic: assignment to entry in nil map");
        // the tcp input drops the empty line between the panic and its goroutine
        assertThat(panic.errorStackTrace()).isEqualTo(run.stderr().stripTrailing().replace("\n\n", "\n"));
    }
}
