package io.sluice.inputs.syslog;

import io.micrometer.core.instrument.Counter;
import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code partial_line_timeout} on octet-counted syslog (RFC 6587 3.4.1) as on newline framing: a
 * connection that announced a frame and sent only part of it is closed, counted, and gives back what
 * it held; one that waits between frames stays; nothing closes while Sluice itself paused reading.
 */
class SyslogPartialFrameTimeoutTest {
    private static final String FRAME_START = "1000 <13>1 2026-12-02T18:00:00Z host app - - - only part of a thousand octets";

    @TempDir
    Path dir;

    private SyslogInput input;
    private CollectingInputContext ctx;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) s.close();
        SyslogInputs.stop(input);
    }

    private void start(String partialLineTimeout) throws Exception {
        input = SyslogInputs.create("{\"listen\":\"127.0.0.1:0\",\"protocols\":[\"tcp\"],\"partial_line_timeout\":\""
                + partialLineTimeout + "\"}");
        ctx = new CollectingInputContext("sys", dir.resolve("data"));
        ctx.limitHeldBytes(1024 * 1024);
        input.start(ctx);
    }

    private Socket send(String text) throws IOException {
        InetSocketAddress a = input.tcpAddress();
        Socket s = new Socket(a.getAddress(), a.getPort());
        s.setSoTimeout(10_000);
        sockets.add(s);
        OutputStream o = s.getOutputStream();
        o.write(text.getBytes(StandardCharsets.UTF_8));
        o.flush();
        return s;
    }

    private static String frame(String msg) {
        return msg.getBytes(StandardCharsets.UTF_8).length + " " + msg;
    }

    private double closedByTimeout() {
        Counter c = ctx.meters().find("sluice.input.connections.closed")
                .tags("input", "sys", "reason", "partial_line_timeout").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aConnectionSittingOnPartOfAnOctetCountedFrameIsClosedAfterThePartialLineTimeout() throws Exception {
        start("2s");
        Socket betweenFrames = send(frame("<13>1 2026-12-02T18:00:00Z host app - - - a whole frame"));
        Socket halfSent = send(FRAME_START);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> ctx.heldBytes().used() > 0);

        assertThat(halfSent.getInputStream().read()).as("closed by Sluice").isEqualTo(-1);
        assertThat(closedByTimeout()).isEqualTo(1.0);
        assertThat(ctx.heldBytes().used()).as("the frame's start is given back").isZero();
        assertThat(ctx.events()).extracting(LogEvent::message).containsExactly("a whole frame");

        betweenFrames.getOutputStream().write(frame("<13>1 2026-12-02T18:00:01Z host app - - - and another")
                .getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 2);
        assertThat(closedByTimeout()).isEqualTo(1.0);
    }

    @Test
    void aLengthWithoutItsFrameCountsAsAPartialRecordToo() throws Exception {
        start("300ms");
        Socket lengthOnly = send("1000");
        assertThat(lengthOnly.getInputStream().read()).as("closed by Sluice").isEqualTo(-1);
        assertThat(closedByTimeout()).isEqualTo(1.0);
    }

    @Test
    void noConnectionIsClosedWhileSluiceItselfPausedReading() throws Exception {
        start("300ms");
        ctx.capacity(false); // the whole frame fills the pipeline: reading stops with the partial frame held
        Socket s = send(frame("<13>1 2026-12-02T18:00:00Z host app - - - fills the pipeline") + FRAME_START);
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);

        s.setSoTimeout(1500);
        assertThatThrownBy(() -> s.getInputStream().read()).as("still open after 5 timeouts")
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(closedByTimeout()).isZero();

        ctx.capacity(true); // reading again, and the frame still does not come
        s.setSoTimeout(10_000);
        assertThat(s.getInputStream().read()).as("closed by Sluice").isEqualTo(-1);
        assertThat(closedByTimeout()).isEqualTo(1.0);
    }
}
