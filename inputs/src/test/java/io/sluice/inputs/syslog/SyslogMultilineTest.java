package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.core.buffer.HeldBytesAccount;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Java stack trace sent straight to Sluice (no relay) through syslog a line per message, by the real {@code logger} reading a
 * file ({@code logger -f}: one message per line, tabs kept), becomes one event with
 * {@code error.stack_trace}, over TCP with newline framing and with octet counting, and over UDP a
 * datagram per line; over UDP, traces from two senders sent at the same moment stay apart.
 */
class SyslogMultilineTest extends RelayTest {

    @ParameterizedTest
    @ValueSource(strings = {"tcp --rfc3164", "tcp --rfc5424", "tcp --rfc5424 --octet-count", "udp --rfc3164", "udp --rfc5424"})
    void aJavaStackTraceSentLineByLineIsOneEvent(String transportAndFormat) throws Exception {
        Assumptions.assumeTrue(SyslogInputs.onPath("logger"), "util-linux logger is not installed");
        relay = new RelayHarness(dir);
        RelayHarness.Route route = relay.route("tcp", "\"multiline\":{\"mode\":\"java\",\"flush_timeout\":\"300ms\"}");
        CollectingInputContext ctx = route.context();

        StringWriter trace = new StringWriter();
        new IllegalStateException("boom", new IllegalArgumentException("bad price")).printStackTrace(new PrintWriter(trace));
        List<String> lines = trace.toString().lines().toList();
        assertThat(lines.size()).as("a multi-line trace").isGreaterThan(5);
        Path file = dir.resolve("lines.txt");
        List<String> all = new ArrayList<>(List.of("pricing failed"));
        all.addAll(lines);
        all.add("next event");
        Files.write(file, all);

        List<String> args = List.of(transportAndFormat.split(" "));
        boolean udp = args.get(0).equals("udp");
        List<String> command = new ArrayList<>(List.of("logger", "-n", "127.0.0.1", "-P",
                Integer.toString(udp ? route.udpPort() : route.tcpPort()), udp ? "-d" : "-T",
                "-t", "pricing", "--id=77", "-f", file.toString()));
        command.addAll(args.subList(1, args.size()));
        SyslogInputs.run(dir, null, command);

        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 2);
        List<LogEvent> events = List.copyOf(ctx.events());
        assertThat(events).extracting(LogEvent::message).containsExactly("pricing failed", "next event");
        LogEvent failed = events.get(0);
        assertThat(failed.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.errorMessage()).isEqualTo("boom");
        assertThat(failed.errorStackTrace()).contains("\tat io.sluice.inputs.syslog.SyslogMultilineTest")
                .contains("Caused by: java.lang.IllegalArgumentException: bad price").endsWith(lines.get(lines.size() - 1));
        assertThat(failed.syslog().appname()).isEqualTo("pricing");
        assertThat(failed.pid()).isEqualTo(77);
        // the joined records are counted as parsed like any other (the decoder counts per batch)
        assertThat(ctx.meters().get("sluice.input.syslog.records").tag("outcome", "parsed").counter().count())
                .isEqualTo(2);
    }

    @Test
    void stackTracesFromTwoUdpSendersSentAtTheSameMomentStayApart() throws Exception {
        relay = new RelayHarness(dir);
        RelayHarness.Route route = relay.route("udp", "\"multiline\":{\"mode\":\"java\",\"flush_timeout\":\"300ms\"}");
        // one host and program, two processes: only the source port tells them apart
        List<String> one = traceLines(new IllegalStateException("from sender one"));
        List<String> two = traceLines(new IllegalArgumentException("from sender two", new RuntimeException("root")));
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", route.udpPort());
        try (DatagramSocket a = new DatagramSocket(); DatagramSocket b = new DatagramSocket()) {
            for (int i = 0; i < Math.max(one.size(), two.size()); i++) {
                if (i < one.size()) send(a, to, one.get(i));
                if (i < two.size()) send(b, to, two.get(i));
            }
        }

        CollectingInputContext ctx = route.context();
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 2);
        Thread.sleep(500); // a mixed-up join would show as further events
        List<LogEvent> events = List.copyOf(ctx.events());
        assertThat(events).extracting(LogEvent::errorMessage)
                .containsExactlyInAnyOrder("from sender one", "from sender two");
        for (LogEvent e : events) {
            List<String> sent = e.errorMessage().equals("from sender one") ? one : two;
            assertThat(e.message()).isEqualTo(sent.get(0));
            assertThat(e.errorStackTrace().lines().toList()).as("only its own sender's lines, in order")
                    .isEqualTo(sent.subList(1, sent.size()));
            assertThat(e.syslog().appname()).isEqualTo("pricing");
        }
    }

    @Test
    void aUdpTraceBeingJoinedIsChargedToTheHeldBytesAccountAndSentAtStop() throws Exception {
        SyslogInput input = SyslogInputs.create("{\"listen\":\"127.0.0.1:0\",\"protocols\":[\"udp\"],"
                + "\"multiline\":{\"mode\":\"java\",\"flush_timeout\":\"1h\"}}");
        CollectingInputContext ctx = new CollectingInputContext("sys", dir.resolve("data"));
        HeldBytesAccount account = ctx.limitHeldBytes(1024 * 1024);
        input.start(ctx);
        List<String> trace = traceLines(new IllegalStateException("waiting"));
        try (DatagramSocket s = new DatagramSocket()) {
            for (String line : trace) send(s, input.udpAddress(), line);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> account.used() > 0);
        assertThat(ctx.events()).as("the trace waits for a line that does not continue it").isEmpty();

        input.stop();
        assertThat(input.awaitStop(Duration.ofSeconds(10))).isTrue();
        input.close();
        assertThat(ctx.events()).extracting(LogEvent::errorMessage).containsExactly("waiting");
        assertThat(account.used()).as("given back at stop").isZero();
    }

    /** A message line, then the trace of {@code e}, each a line a syslog message carries. */
    private static List<String> traceLines(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        List<String> lines = new ArrayList<>(List.of("pricing failed: " + e.getMessage()));
        lines.addAll(trace.toString().lines().toList());
        return lines;
    }

    private static void send(DatagramSocket s, InetSocketAddress to, String line) throws IOException {
        byte[] b = ("<11>Dec  2 17:14:33 web-1 pricing[7]: " + line).getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to));
    }
}
