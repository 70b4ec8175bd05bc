package io.sluice.inputs.syslog;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The syslog input on real sockets, with util-linux {@code logger} as an independent client. */
class SyslogInputTest {
    @TempDir
    Path dir;

    private SyslogInput input;
    private CollectingInputContext ctx;

    @BeforeEach
    void start() throws Exception {
        input = SyslogInputs.create("{\"listen\":\"127.0.0.1:0\"}");
        ctx = new CollectingInputContext("sys", dir.resolve("data"));
        input.start(ctx);
        assertThat(input.isReady()).isTrue();
    }

    @AfterEach
    void stop() throws InterruptedException {
        input.stop();
        assertThat(input.awaitStop(Duration.ofSeconds(10))).isTrue();
        input.close();
    }

    private LogEvent awaitMessage(String message) {
        await().atMost(Duration.ofSeconds(15)).until(() -> ctx.events().stream().anyMatch(e -> message.equals(e.message())));
        return ctx.events().stream().filter(e -> message.equals(e.message())).findFirst().orElseThrow();
    }

    private List<String> logger(String... args) throws Exception {
        Assumptions.assumeTrue(SyslogInputs.onPath("logger"), "util-linux logger is not installed");
        List<String> cmd = new ArrayList<>(List.of("logger", "-n", "127.0.0.1"));
        cmd.addAll(List.of(args));
        SyslogInputs.run(dir, null, cmd);
        return cmd;
    }

    private void assertStructured(LogEvent e, int facility, int severity) {
        assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED);
        assertThat(e.syslog().appname()).isEqualTo("myapp");
        assertThat(e.serviceName()).isEqualTo("myapp");
        assertThat(e.syslog().facilityCode()).isEqualTo(facility);
        assertThat(e.syslog().severityCode()).isEqualTo(severity);
        assertThat(e.syslog().hostname()).isNotBlank();
        assertThat(e.hostName()).isEqualTo(e.syslog().hostname());
        assertThat(e.syslog().msgid()).isEqualTo("ID7");
        assertThat(e.syslog().structuredData()).containsEntry("zoo@123", Map.of("tiger", "hungry \"very\""));
        assertThat(e.inputType()).isEqualTo("syslog");
        assertThat(e.tags()).doesNotContain(Tags.TIMESTAMP_MISSING);
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(PluginRegistry.load().input("syslog")).isInstanceOf(SyslogInputPlugin.class);
    }

    @Test
    void loggerOverUdpWithStructuredData() throws Exception {
        logger("-P", port(input.udpAddress()), "-d", "--rfc5424", "--msgid", "ID7", "--sd-id", "zoo@123",
                "--sd-param", "tiger=\"hungry \\\"very\\\"\"", "-t", "myapp", "-p", "local3.warning", "hello over udp");
        LogEvent e = awaitMessage("hello over udp");
        assertStructured(e, 19, 4);
        assertThat(e.level()).isEqualTo(Level.WARN);
        assertThat(e.syslog().version()).isEqualTo(1);
    }

    @Test
    void loggerOverTcpNewlineFramed() throws Exception {
        logger("-P", port(input.tcpAddress()), "-T", "--rfc5424", "--msgid", "ID7", "--sd-id", "zoo@123",
                "--sd-param", "tiger=\"hungry \\\"very\\\"\"", "-t", "myapp", "-p", "auth.err", "hello over tcp");
        LogEvent e = awaitMessage("hello over tcp");
        assertStructured(e, 4, 3);
        assertThat(e.level()).isEqualTo(Level.ERROR);
    }

    @Test
    void loggerOverTcpOctetCounted() throws Exception {
        logger("-P", port(input.tcpAddress()), "-T", "--octet-count", "--rfc5424", "--msgid", "ID7",
                "--sd-id", "zoo@123", "--sd-param", "tiger=\"hungry \\\"very\\\"\"", "-t", "myapp", "-p", "daemon.info",
                "hello over octet counting");
        LogEvent e = awaitMessage("hello over octet counting");
        assertStructured(e, 3, 6);
        assertThat(ctx.sourcesOpened()).anyMatch(n -> n.startsWith("syslog-tcp 127.0.0.1:"));
    }

    @Test
    void loggerRfc3164OverUdp() throws Exception {
        logger("-P", port(input.udpAddress()), "-d", "--rfc3164", "-t", "oldapp", "-p", "mail.notice", "bsd style");
        LogEvent e = awaitMessage("bsd style");
        assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED, Tags.TIMESTAMP_MISSING);
        assertThat(e.syslog().appname()).isEqualTo("oldapp");
        assertThat(e.syslog().facilityCode()).isEqualTo(2);
        assertThat(e.syslog().severityCode()).isEqualTo(5);
        // no year in RFC 3164: the nearest one to now, so within a day of the observed time
        assertThat(Math.abs(e.timestampNanos() - e.createdNanos())).isLessThan(Duration.ofDays(1).toNanos());
    }

    /**
     * Python's standard {@code logging.handlers.SysLogHandler} over TCP ends each message with NUL and
     * keeps the newlines of a logged exception's traceback in it: the traceback stays in its message,
     * as it does over UDP, instead of becoming events of its own without a header.
     */
    @Test
    void pythonSysLogHandlerOverTcpKeepsATracebackInItsMessage() throws Exception {
        Assumptions.assumeTrue(SyslogInputs.onPath("python3"), "python3 is not installed");
        String script = String.join("\n",
                "import logging, logging.handlers, socket, sys",
                "h = logging.handlers.SysLogHandler(address=('127.0.0.1', int(sys.argv[1])), facility='local3',",
                "                                   socktype=socket.SOCK_STREAM)",
                "h.setFormatter(logging.Formatter('pyapp[%(process)d]: %(levelname)s %(message)s'))",
                "log = logging.getLogger('demo'); log.addHandler(h); log.setLevel(logging.INFO)",
                "try:",
                "    1 / 0",
                "except ZeroDivisionError:",
                "    log.exception('division failed')",
                "log.info('after the traceback')",
                "h.close()");
        Path py = dir.resolve("send.py");
        Files.writeString(py, script);
        SyslogInputs.run(dir, null, List.of("python3", py.toString(), port(input.tcpAddress())));
        await().atMost(Duration.ofSeconds(15)).until(() -> ctx.events().size() >= 2);
        Thread.sleep(300); // a split traceback would arrive as further events
        List<LogEvent> events = ctx.events();
        assertThat(events).hasSize(2);
        LogEvent failed = events.get(0);
        assertThat(failed.message()).startsWith("ERROR division failed\nTraceback (most recent call last):\n")
                .endsWith("ZeroDivisionError: division by zero");
        assertThat(failed.tags()).doesNotContain(Tags.PARSE_FAILED);
        assertThat(failed.syslog().appname()).isEqualTo("pyapp");
        assertThat(failed.syslog().severityCode()).isEqualTo(3);
        assertThat(events.get(1).message()).isEqualTo("INFO after the traceback");
    }

    @Test
    void manyMessagesOnOneConnectionKeepTheirOrder() throws Exception {
        InetSocketAddress a = input.tcpAddress();
        int n = 3000;
        try (Socket s = new Socket(a.getAddress(), a.getPort())) {
            OutputStream out = s.getOutputStream();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String msg = "<14>1 2026-01-02T03:04:05Z h app - - - message " + i;
                sb.append(msg.getBytes(StandardCharsets.UTF_8).length).append(' ').append(msg);
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.events().size() >= n);
        List<String> got = ctx.events().stream().map(LogEvent::message).toList();
        for (int i = 0; i < n; i++) assertThat(got.get(i)).isEqualTo("message " + i);
        assertThat(ctx.meters().get("sluice.input.syslog.records").tag("outcome", "parsed").counter().count()).isEqualTo(n);
    }

    @Test
    void udpDropsAndCountsWhenThePipelineIsFullThenRecovers() throws Exception {
        InetSocketAddress a = input.udpAddress();
        try (DatagramSocket s = new DatagramSocket()) {
            send(s, a, "<13>1 - h app - - - first");
            awaitMessage("first");
            ctx.capacity(false);
            send(s, a, "<13>1 - h app - - - fills the batch");
            awaitMessage("fills the batch");
            for (int i = 0; i < 50; i++) send(s, a, "<13>1 - h app - - - dropped " + i);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    ctx.meters().get("sluice.input.datagrams.dropped").tag("reason", "pipeline_full").counter().count() == 50);
            ctx.capacity(true);
            // the receiver resumes on its event loop after capacity returns, and UDP cannot wait for
            // it: a datagram in that window is dropped (and counted), so send until one is taken
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                send(s, a, "<13>1 - h app - - - after");
                return ctx.events().stream().anyMatch(e -> "after".equals(e.message()));
            });
        }
        assertThat(ctx.events()).noneMatch(e -> e.message().startsWith("dropped"));
    }

    private static void send(DatagramSocket s, InetSocketAddress a, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, a));
    }

    private static String port(InetSocketAddress a) {
        return Integer.toString(a.getPort());
    }
}
