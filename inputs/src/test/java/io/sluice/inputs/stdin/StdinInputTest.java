package io.sluice.inputs.stdin;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.inputs.multiline.MultilineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StdinInputTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryLineAndFinishesAtEndOfInput() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) sb.append("line ").append(i).append('\n');
        sb.append("{\"msg\":\"last\",\"level\":\"error\"}"); // no final newline
        CollectingInputContext ctx = new CollectingInputContext("in", dir);
        StdinInput in = new StdinInput("in", 1024, "auto",
                new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)));
        in.start(ctx);
        // no stop(): the input ends by itself at EOF
        assertThat(in.awaitStop(Duration.ofSeconds(10))).isTrue();
        assertThat(in.finished()).isTrue();
        assertThat(ctx.sourcesClosed()).isEqualTo(1);
        assertThat(ctx.events()).hasSize(20_001);
        assertThat(ctx.events().get(19_999).message()).isEqualTo("line 19999");
        LogEvent last = ctx.events().get(20_000);
        assertThat(last.message()).isEqualTo("last");
        assertThat(last.level()).hasToString("ERROR");
        assertThat(last.inputType()).isEqualTo("stdin");
    }

    @Test
    void aPythonTracebackIsOneEventAndLeavesAfterTheFlushTimeoutWhileStdinStaysOpen() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 64 * 1024);
        CollectingInputContext ctx = new CollectingInputContext("in", dir);
        StdinInput in = new StdinInput("in", 1024, "auto", pipe)
                .joining(new MultilineSettings("python", null, 500, 256 * 1024, Duration.ofMillis(200)));
        in.start(ctx);
        // Python's logging.exception under basicConfig's default format (Python Logging HOWTO, tutorial "Errors")
        writer.write(("ERROR:root:division failed\n"
                + "Traceback (most recent call last):\n"
                + "  File \"<stdin>\", line 1, in <module>\n"
                + "ZeroDivisionError: division by zero\n").getBytes(StandardCharsets.UTF_8));
        writer.flush();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);
        LogEvent e = ctx.events().get(0);
        assertThat(e.message()).isEqualTo("division failed");
        assertThat(e.logger()).isEqualTo("root");
        assertThat(e.errorType()).isEqualTo("ZeroDivisionError");
        assertThat(e.errorStackTrace()).startsWith("Traceback (most recent call last):");
        writer.close();
        assertThat(in.awaitStop(Duration.ofSeconds(10))).isTrue();
        assertThat(ctx.events()).hasSize(1);
    }

    @Test
    void timesWithoutAnOffsetAreReadInTheInputsTimezone() throws Exception {
        CollectingInputContext ctx = new CollectingInputContext("in", dir);
        StdinInput in = new StdinInput("in", 1024, "auto", new ByteArrayInputStream(
                "2026-01-02 03:04:05,123 - shop - INFO - east of UTC\n".getBytes(StandardCharsets.UTF_8)))
                .readingTimesIn("+05:30");
        in.start(ctx);
        assertThat(in.awaitStop(Duration.ofSeconds(10))).isTrue();
        assertThat(ctx.events()).singleElement().extracting(LogEvent::timestampNanos)
                .isEqualTo(java.time.Instant.parse("2026-01-01T21:34:05.123Z").toEpochMilli() * 1_000_000L);
    }

    @Test
    void longLinesAreCutAndTagged() throws Exception {
        CollectingInputContext ctx = new CollectingInputContext("in", dir);
        StdinInput in = new StdinInput("in", 64, "text",
                new ByteArrayInputStream(("y".repeat(1000) + "\nshort\n").getBytes(StandardCharsets.UTF_8)));
        in.start(ctx);
        assertThat(in.awaitStop(Duration.ofSeconds(10))).isTrue();
        assertThat(ctx.events()).hasSize(2);
        assertThat(ctx.events().get(0).message()).hasSize(64);
        assertThat(ctx.events().get(0).hasTag(Tags.TRUNCATED)).isTrue();
        assertThat(ctx.events().get(1).message()).isEqualTo("short");
    }

    @Test
    void linesArriveAsTheyAreWrittenAndStopUnblocksTheReader() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 64 * 1024);
        CollectingInputContext ctx = new CollectingInputContext("in", dir);
        StdinInput in = new StdinInput("in", 1024, "auto", pipe);
        in.start(ctx);
        writer.write("hello\n".getBytes(StandardCharsets.UTF_8));
        writer.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);
        assertThat(in.finished()).isFalse();
        in.stop();
        assertThat(in.awaitStop(Duration.ofSeconds(10))).isTrue();
        assertThat(ctx.events().get(0).message()).isEqualTo("hello");
        writer.close();
    }
}
