package io.sluice.inputs.syslog;

import io.micrometer.core.instrument.Counter;
import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.core.testkit.TlsFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
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
 * it held; one that waits between frames stays, and so does one that sends a frame slowly; nothing
 * closes while Sluice itself paused reading. Over TLS (RFC 5425) as over plain TCP.
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

    /** Client side of the TLS listener; null: plain TCP. */
    private TlsFiles tls;

    private void start(String partialLineTimeout) throws Exception {
        start(partialLineTimeout, false);
    }

    private void start(String partialLineTimeout, boolean overTls) throws Exception {
        String tlsOption = "";
        if (overTls) {
            Assumptions.assumeTrue(SyslogInputs.onPath("openssl"), "openssl CLI is not installed");
            tls = TlsFiles.create(dir, "sluice-one");
            tlsOption = ",\"tls\":{\"cert_file\":\"" + tls.serverCert + "\",\"key_file\":\"" + tls.serverKey + "\"}";
        }
        input = SyslogInputs.create("{\"listen\":\"127.0.0.1:0\",\"protocols\":[\"tcp\"],\"partial_line_timeout\":\""
                + partialLineTimeout + "\"" + tlsOption + "}");
        ctx = new CollectingInputContext("sys", dir.resolve("data"));
        ctx.limitHeldBytes(1024 * 1024);
        input.start(ctx);
    }

    private Socket send(String text) throws Exception {
        Socket s = tls == null ? new Socket(input.tcpAddress().getAddress(), input.tcpAddress().getPort())
                : TlsFiles.connect(tls.clientContext(false), input.tcpAddress());
        s.setSoTimeout(10_000);
        sockets.add(s);
        write(s, text);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write(text.getBytes(StandardCharsets.UTF_8));
        o.flush();
    }

    /** Sluice closed {@code s}: the end of the stream (a TLS peer may also just fail the read), never a read timeout. */
    private static void assertClosedBySluice(Socket s) {
        int read;
        try {
            InputStream in = s.getInputStream();
            read = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + s.getClass().getSimpleName() + " waited 10 s", e);
        } catch (IOException e) {
            return; // reset or TLS alert: closed
        }
        assertThat(read).as("closed by Sluice").isEqualTo(-1);
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

    /** A frame of exactly {@code octets} octets, RFC 5424 inside. */
    private static String frameOf(int octets, String text) {
        String msg = "<13>1 2026-12-03T07:00:00Z host app - - - " + text;
        return octets + " " + msg + "x".repeat(octets - msg.length());
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void partOfA120OctetFrameIsDroppedItsConnectionClosedAndItsBytesGivenBack(boolean overTls) throws Exception {
        start("1s", overTls);
        String frame = frameOf(120, "the first 70 octets only");
        Socket halfSent = send(frame.substring(0, 4 + 70));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> ctx.heldBytes().used() > 0);

        assertClosedBySluice(halfSent);
        assertThat(closedByTimeout()).isEqualTo(1.0);
        assertThat(ctx.heldBytes().used()).as("sluice_pipeline_held_bytes: the frame's start is given back").isZero();
        assertThat(ctx.events()).as("the partial frame is dropped, as a partial line is").isEmpty();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void aSlowSenderThatKeepsSendingItsFrameIsNotClosed(boolean overTls) throws Exception {
        start("1500ms", overTls);
        String frame = frameOf(120, "sent ten octets at a time");
        Socket slow = send(frame.substring(0, 10));
        // 3 s for the frame, twice the timeout, but never more than 200 ms without a byte
        for (int at = 10; at < frame.length(); at += 10) {
            Thread.sleep(200);
            write(slow, frame.substring(at, Math.min(frame.length(), at + 10)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);
        assertThat(ctx.events().get(0).message()).startsWith("sent ten octets at a time").hasSize(120 - 42);
        assertThat(closedByTimeout()).isZero();

        write(slow, frame);
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 2);
        slow.close();
        // between frames a connection keeps its small carry array (charged) for the next one: given back at the close
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.heldBytes().used() == 0);
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
