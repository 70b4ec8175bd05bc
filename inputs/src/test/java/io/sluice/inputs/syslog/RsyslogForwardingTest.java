package io.sluice.inputs.syslog;

import io.sluice.core.testkit.FreePorts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A real rsyslog (Debian package {@code rsyslog}, run in the foreground with its own config, never
 * as the system service) receives {@code logger} messages, RFC 3164 and RFC 5424, over UDP, TCP and
 * octet-counted TCP, and forwards each of them with every standard forwarding template
 * ({@code RSYSLOG_TraditionalForwardFormat}, {@code RSYSLOG_ForwardFormat},
 * {@code RSYSLOG_SyslogProtocol23Format}) over newline-framed TCP, octet-counted TCP and UDP, each
 * route to its own Sluice input. Every event must keep the sender's host, app name, pid, time (to
 * the microsecond where the template carries it) and message.
 */
class RsyslogForwardingTest extends RelayTest {
    private static final List<String> TEMPLATES = List.of(
            "RSYSLOG_TraditionalForwardFormat", "RSYSLOG_ForwardFormat", "RSYSLOG_SyslogProtocol23Format");

    @Test
    void everyStandardTemplateOnEveryTransportKeepsHostAppPidTimeAndMessage() throws Exception {
        Path rsyslogd = Path.of("/usr/sbin/rsyslogd");
        Assumptions.assumeTrue(Files.isExecutable(rsyslogd), "rsyslog is not installed (apt-get install rsyslog)");
        Assumptions.assumeTrue(SyslogInputs.onPath("logger"), "util-linux logger is not installed");
        relay = new RelayHarness(dir);

        int port = FreePorts.one();
        List<String> conf = new ArrayList<>(List.of(
                "global(workDirectory=\"" + Files.createDirectories(dir.resolve("rsyslog")) + "\")",
                "module(load=\"imudp\")",
                "module(load=\"imtcp\")",
                "input(type=\"imudp\" address=\"127.0.0.1\" port=\"" + port + "\")",
                "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + port + "\")"));
        for (String template : TEMPLATES) {
            // the traditional format writes the tag of an RFC 5424 message without colon after a BSD
            // timestamp: only rfc3164_tag: first_word reads that as the tag
            String options = template.equals("RSYSLOG_TraditionalForwardFormat") ? "\"rfc3164_tag\":\"first_word\"" : "";
            int tcp = relay.route(template + " tcp", options).tcpPort();
            int octets = relay.route(template + " tcp octet-counted", options).tcpPort();
            int udp = relay.route(template + " udp", options).udpPort();
            conf.add(forward(template, "tcp", tcp, ""));
            conf.add(forward(template, "tcp", octets, " TCP_Framing=\"octet-counted\""));
            conf.add(forward(template, "udp", udp, ""));
        }
        conf.add("");
        Path confFile = dir.resolve("rsyslog.conf");
        Files.write(confFile, conf);
        relay.startRelay(List.of(rsyslogd.toString(), "-n", "-f", confFile.toString(),
                "-i", dir.resolve("rsyslog.pid").toString()), Map.of());

        List<String> to = List.of("-n", "127.0.0.1", "-P", Integer.toString(port));
        List<Sent> sent = loggerMessages(to, to);
        Instant before = Instant.now().minusSeconds(2);
        sendUntilEveryRouteHas(sent);
        Instant after = Instant.now().plusSeconds(2);

        assertSoftly(soft -> {
            for (RelayHarness.Route route : relay.routes()) {
                // rsyslog keeps the sender's microseconds in all but the traditional format
                boolean traditional = route.name().startsWith("RSYSLOG_TraditionalForwardFormat");
                for (Sent s : sent) {
                    assertRelayed(soft, route.name() + ", " + s.text(), route.find(s.text()), s,
                            expectedMessage(route, s), s.pid(), s.subSecond() && !traditional, before, after);
                }
            }
        });
        // RFC 5424 to RFC 5424 keeps MSGID
        assertThat(relay.routes().get(6).find("rfc5424 with pid").syslog().msgid()).isEqualTo("ID1");
    }

    /**
     * rsyslog's MSG property of an RFC 3164 message keeps the space after the tag's colon, and its
     * RFC 5424 template writes it after the separating space; RFC 5424 says that space is MSG's.
     */
    private static String expectedMessage(RelayHarness.Route route, Sent s) {
        boolean bsd = s.text().startsWith("bsd");
        return bsd && route.name().startsWith("RSYSLOG_SyslogProtocol23Format") ? " " + s.text() : s.text();
    }

    private static String forward(String template, String protocol, int port, String extra) {
        return "*.* action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + port + "\" protocol=\"" + protocol + "\""
                + extra + " template=\"" + template + "\")";
    }
}
