package io.sluice.inputs.tcp;

import io.micrometer.core.instrument.Counter;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.core.buffer.HeldBytesAccount;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a tcp input holds for its clients (lines not yet ended, events being joined) is charged to
 * the pipeline's one account: many half-sent lines cannot pass it, a line that finds it full is cut
 * and tagged, everything is given back when connections close, and a connection that sits on half a
 * line is closed after {@code partial_line_timeout}.
 */
class TcpHeldBytesTest {
    private static final int LIMIT = 1024 * 1024;

    @TempDir
    Path dir;

    private TcpInput input;
    private final List<Socket> sockets = new ArrayList<>();

    private CollectingInputContext start(String options) throws Exception {
        input = TcpInputTest.create(options);
        CollectingInputContext ctx = new CollectingInputContext("app", dir);
        ctx.limitHeldBytes(LIMIT);
        input.start(ctx);
        return ctx;
    }

    private Socket connect() throws IOException {
        InetSocketAddress a = input.boundAddress();
        Socket s = new Socket(a.getAddress(), a.getPort());
        s.setSoTimeout(10_000);
        sockets.add(s);
        return s;
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) s.close();
        if (input != null) {
            input.stop();
            input.awaitStop(Duration.ofSeconds(10));
            input.close();
        }
    }

    @Test
    void halfSentLinesOfManyConnectionsStayWithinTheAccountAndAreGivenBackOnClose() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        HeldBytesAccount held = ctx.heldBytes();
        byte[] half = new byte[200_000]; // under max_line_bytes: only the account can cut it
        Arrays.fill(half, (byte) 'x');
        for (int c = 0; c < 30; c++) {
            OutputStream o = connect().getOutputStream();
            o.write(half);
            o.flush();
        }
        // 30 x 200KB = 6MB held without the account; with it, lines are cut at 1MiB and passed on
        await().atMost(Duration.ofSeconds(20)).until(() -> held.refused() > 0 && !ctx.events().isEmpty());
        assertThat(held.used()).isLessThanOrEqualTo(LIMIT);
        LogEvent cut = ctx.events().get(0);
        assertThat(cut.tags()).contains(Tags.TRUNCATED);
        assertThat(cut.message()).matches("x+");
        assertThat(cut.message().length()).isLessThan(half.length);

        try (Socket other = connect()) {
            other.getOutputStream().write("still flowing\n".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ctx.events().stream().anyMatch(e -> "still flowing".equals(e.message())));
        }

        for (Socket s : sockets) s.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> held.used() == 0);
    }

    @Test
    void aMultilineEventBeingJoinedIsChargedAndCutWhenTheAccountIsFull() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"multiline\":{\"mode\":\"java\",\"max_bytes\":\"64MiB\",\"max_lines\":1000000}}");
        StringBuilder trace = new StringBuilder("java.lang.IllegalStateException: boom\n");
        String frame = "\tat com.example.Service.handle(Service.java:42)\n";
        while (trace.length() < 3 * LIMIT) trace.append(frame);
        try (Socket s = connect()) {
            OutputStream o = s.getOutputStream();
            o.write(trace.toString().getBytes(StandardCharsets.UTF_8));
            o.write("next event\n".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(20)).until(() -> ctx.events().size() >= 2);
        }
        LogEvent joined = ctx.events().get(0);
        assertThat(joined.tags()).contains(Tags.TRUNCATED);
        assertThat(joined.message()).startsWith("java.lang.IllegalStateException: boom");
        assertThat(ctx.events().get(1).message()).isEqualTo("next event");
        assertThat(ctx.heldBytes().refused()).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.heldBytes().used() == 0);
    }

    @Test
    void aConnectionSittingOnHalfALineIsClosedAfterThePartialLineTimeout() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"partial_line_timeout\":\"300ms\"}");
        Socket idleBetweenLines = connect();
        idleBetweenLines.getOutputStream().write("a whole line\n".getBytes(StandardCharsets.UTF_8));
        Socket halfSent = connect();
        halfSent.getOutputStream().write("half a li".getBytes(StandardCharsets.UTF_8));

        assertThat(halfSent.getInputStream().read()).as("closed by Sluice").isEqualTo(-1);
        Counter closed = ctx.meters().find("sluice.input.connections.closed")
                .tags("input", "app", "reason", "partial_line_timeout").counter();
        assertThat(closed).isNotNull();
        assertThat(closed.count()).isEqualTo(1.0);
        assertThat(ctx.events()).extracting(LogEvent::message).containsExactly("a whole line");

        idleBetweenLines.getOutputStream().write("and another\n".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 2);
        assertThat(ctx.heldBytes().used()).isZero();
    }
}
