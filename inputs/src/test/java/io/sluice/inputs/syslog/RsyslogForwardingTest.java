package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real rsyslog (Debian package {@code rsyslog}, run in the foreground with its own config, never
 * as the system service) receives {@code logger} messages on UDP and forwards them to Sluice over
 * TCP twice: RFC 5424 octet-counted, and its traditional forwarding format (RFC 3164 layout with an
 * RFC 3339 timestamp) newline-framed.
 */
class RsyslogForwardingTest {
    @TempDir
    Path dir;

    private SyslogInput input;
    private Process rsyslog;

    @AfterEach
    void stop() throws InterruptedException {
        if (rsyslog != null) {
            rsyslog.destroy();
            if (!rsyslog.waitFor(10, TimeUnit.SECONDS)) rsyslog.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (input != null) {
            input.stop();
            input.awaitStop(Duration.ofSeconds(10));
            input.close();
        }
    }

    @Test
    void rsyslogForwardsOctetCountedRfc5424AndItsForwardFormat() throws Exception {
        Path rsyslogd = Path.of("/usr/sbin/rsyslogd");
        Assumptions.assumeTrue(Files.isExecutable(rsyslogd), "rsyslog is not installed (apt-get install rsyslog)");
        Assumptions.assumeTrue(SyslogInputs.onPath("logger"), "util-linux logger is not installed");

        input = SyslogInputs.create("{\"listen\":\"127.0.0.1:0\",\"protocols\":[\"tcp\"]}");
        CollectingInputContext ctx = new CollectingInputContext("sys", dir.resolve("data"));
        input.start(ctx);
        int sluicePort = input.tcpAddress().getPort();
        int rsyslogPort = freeUdpPort();

        Path work = Files.createDirectories(dir.resolve("rsyslog"));
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, String.join("\n",
                "global(workDirectory=\"" + work + "\")",
                "module(load=\"imudp\")",
                "input(type=\"imudp\" address=\"127.0.0.1\" port=\"" + rsyslogPort + "\")",
                "*.* action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + sluicePort + "\" protocol=\"tcp\""
                        + " TCP_Framing=\"octet-counted\" template=\"RSYSLOG_SyslogProtocol23Format\")",
                "*.* action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + sluicePort + "\" protocol=\"tcp\""
                        + " template=\"RSYSLOG_ForwardFormat\")",
                ""));
        rsyslog = new ProcessBuilder(rsyslogd.toString(), "-n", "-f", conf.toString(), "-i", dir.resolve("rsyslog.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslog.out").toFile()).start();

        // rsyslog needs a moment to open its UDP port: repeat the messages until they come through.
        // An RFC 5424 message (with SD) is checked in the RFC 5424 copy; an RFC 3164 one in the forward
        // format copy, where rsyslog writes the tag with its colon only when the message had one.
        String modern = "rfc5424 through rsyslog";
        String bsd = "rfc3164 through rsyslog";
        String port = Integer.toString(rsyslogPort);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(rsyslog.isAlive()).as("rsyslogd runs; its output: %s", output()).isTrue();
            SyslogInputs.run(dir, null, List.of("logger", "-n", "127.0.0.1", "-P", port, "-d", "--rfc5424",
                    "--sd-id", "zoo@123", "--sd-param", "tiger=\"hungry\"", "-t", "fwdapp", "-p", "local4.err", modern));
            SyslogInputs.run(dir, null, List.of("logger", "-n", "127.0.0.1", "-P", port, "-d", "--rfc3164",
                    "-t", "fwdapp", "-p", "local4.err", bsd));
            return find(ctx, modern, 1) != null && find(ctx, bsd, -1) != null;
        });

        LogEvent rfc5424 = find(ctx, modern, 1);
        LogEvent forwardFormat = find(ctx, bsd, -1);
        for (LogEvent e : List.of(rfc5424, forwardFormat)) {
            assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED, Tags.TIMESTAMP_MISSING);
            assertThat(e.syslog().appname()).isEqualTo("fwdapp");
            assertThat(e.syslog().facilityCode()).isEqualTo(20);
            assertThat(e.syslog().severityCode()).isEqualTo(3);
            assertThat(e.syslog().hostname()).isNotBlank();
        }
        assertThat(rfc5424.syslog().structuredData()).containsEntry("zoo@123", Map.of("tiger", "hungry"));
        // octet-counted frames and newline-framed ones arrive on separate connections, each detected
        assertThat(ctx.sourcesOpened()).hasSizeGreaterThanOrEqualTo(2);
    }

    /** The first event with this message and syslog version (-1: RFC 3164), or null. */
    private static LogEvent find(CollectingInputContext ctx, String message, int version) {
        return ctx.events().stream()
                .filter(e -> message.equals(e.message()) && e.syslog() != null && e.syslog().version() == version)
                .findFirst().orElse(null);
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("rsyslog.out"));
        } catch (IOException e) {
            return "(none)";
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
