package io.sluice.inputs.syslog;

import io.sluice.core.testkit.FreePorts;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A real syslog-ng relays {@code logger} messages (RFC 3164 into a {@code network()} source over UDP
 * and TCP, RFC 5424 into a {@code syslog()} source, octet-counted TCP and UDP) to Sluice through its
 * standard destinations: {@code network()} (legacy BSD format, TCP and UDP), {@code syslog()} (RFC 5424,
 * octet-counted TCP and UDP), and {@code network()} with the common templates: ISO time with
 * {@code $MSGHDR} (tag with colon and pid), and ISO or BSD time with a bare {@code $PROGRAM} (tag
 * without colon). Each route has its own Sluice input.
 *
 * <p>syslog-ng conflicts with rsyslog in Debian, so CI unpacks its package without installing it
 * ({@code .ci/run}: {@code dpkg-deb -x} into {@code /opt/syslog-ng}); the system property
 * {@code sluice.syslogng.root} names another unpacked root, and an installed {@code /usr/sbin/syslog-ng}
 * is used when there is none.
 */
class SyslogNgForwardingTest extends RelayTest {
    /** A syslog-ng destination: its driver line and what it keeps of the sender's header. */
    record Destination(String name, String options, String driver, boolean keepsPid) {}

    private static final String WITHOUT_PRI = "ISODATE MSGHDR without PRI";

    @Test
    void standardDestinationsAndTemplatesKeepHostAppPidTimeAndMessage() throws Exception {
        Path root = syslogNgRoot();
        Assumptions.assumeTrue(SyslogInputs.onPath("logger"), "util-linux logger is not installed");
        relay = new RelayHarness(dir);

        int[] ports = FreePorts.distinct(2);
        int bsdPort = ports[0];
        int ietfPort = ports[1];
        List<Destination> destinations = List.of(
                new Destination("network() tcp", "", "network(\"127.0.0.1\" port(%d) transport(\"tcp\"))", true),
                new Destination("network() udp", "", "network(\"127.0.0.1\" port(%d) transport(\"udp\"))", true),
                new Destination("syslog() tcp", "", "syslog(\"127.0.0.1\" port(%d) transport(\"tcp\"))", true),
                new Destination("syslog() udp", "", "syslog(\"127.0.0.1\" port(%d) transport(\"udp\"))", true),
                new Destination("ISODATE MSGHDR", "", "network(\"127.0.0.1\" port(%d) transport(\"tcp\")"
                        + " template(\"<$PRI>$ISODATE $HOST $MSGHDR$MSG\\n\"))", true),
                new Destination("ISODATE PROGRAM", "", "network(\"127.0.0.1\" port(%d) transport(\"tcp\")"
                        + " template(\"<$PRI>$ISODATE $HOST $PROGRAM $MSG\\n\"))", false),
                new Destination("DATE PROGRAM", "\"rfc3164_tag\":\"first_word\"", "network(\"127.0.0.1\" port(%d)"
                        + " transport(\"tcp\") template(\"<$PRI>$DATE $HOST $PROGRAM $MSG\\n\"))", false),
                // no <$PRI>: not syslog (RFC 3164 4.3.3), so passed on raw and tagged, never guessed at
                new Destination(WITHOUT_PRI, "", "network(\"127.0.0.1\" port(%d) transport(\"tcp\")"
                        + " template(\"$ISODATE $HOST $MSGHDR$MSG\\n\"))", false));
        List<String> conf = new ArrayList<>(List.of(
                "@version: 3.38",
                // the sender's host name, not the relay's reverse lookup of 127.0.0.1; microseconds in every
                // time, BSD ones too ("Dec  2 17:14:33.123679")
                "options { keep-hostname(yes); frac-digits(6); };",
                "source s_in {",
                "  network(ip(\"127.0.0.1\") port(" + bsdPort + ") transport(\"udp\"));",
                "  network(ip(\"127.0.0.1\") port(" + bsdPort + ") transport(\"tcp\"));",
                "  syslog(ip(\"127.0.0.1\") port(" + ietfPort + ") transport(\"tcp\"));",
                "  syslog(ip(\"127.0.0.1\") port(" + ietfPort + ") transport(\"udp\"));",
                "};"));
        for (int i = 0; i < destinations.size(); i++) {
            Destination d = destinations.get(i);
            RelayHarness.Route route = relay.route(d.name(), d.options());
            int port = d.driver().contains("\"udp\"") ? route.udpPort() : route.tcpPort();
            conf.add("destination d" + i + " { " + String.format(d.driver(), port) + "; };");
            conf.add("log { source(s_in); destination(d" + i + "); };");
        }
        conf.add("");
        Path confFile = dir.resolve("syslog-ng.conf");
        Files.write(confFile, conf);
        relay.startRelay(List.of(root.resolve("usr/sbin/syslog-ng").toString(), "-F", "-f", confFile.toString(),
                        "--module-path=" + modulePath(root), "--persist-file=" + dir.resolve("syslog-ng.persist"),
                        "--pidfile=" + dir.resolve("syslog-ng.pid"), "--control=" + dir.resolve("syslog-ng.ctl")),
                Map.of("LD_LIBRARY_PATH", root.resolve("usr/lib/syslog-ng").toString()));

        List<Sent> sent = loggerMessages(List.of("-n", "127.0.0.1", "-P", Integer.toString(bsdPort)),
                List.of("-n", "127.0.0.1", "-P", Integer.toString(ietfPort)));
        Instant before = Instant.now().minusSeconds(2);
        sendUntilEveryRouteHas(sent);
        Instant after = Instant.now().plusSeconds(2);

        String host = RelayHarness.loggerHostname();
        assertSoftly(soft -> {
            for (int i = 0; i < destinations.size(); i++) {
                Destination d = destinations.get(i);
                RelayHarness.Route route = relay.routes().get(i);
                for (Sent s : sent) {
                    LogEvent e = route.find(s.text());
                    String where = d.name() + ", " + s.text();
                    if (d.name().equals(WITHOUT_PRI)) {
                        soft.assertThat(e.tags()).as(where).contains(Tags.PARSE_FAILED);
                        soft.assertThat(e.message()).as(where)
                                .matches("\\d{4}-\\d\\d-\\d\\dT\\S+ " + host + " " + s.app() + "(\\[\\d+\\])?: " + s.text());
                        continue;
                    }
                    assertRelayed(soft, where, e, s, s.text(), d.keepsPid() ? s.pid() : LogEvent.NO_NUMBER,
                            s.subSecond(), before, after);
                }
            }
        });
    }

    /** The unpacked (or installed) syslog-ng; skips the test, saying how to get one, when there is none. */
    static Path syslogNgRoot() {
        List<Path> candidates = Stream.of(System.getProperty("sluice.syslogng.root"), "/opt/syslog-ng", "/")
                .filter(s -> s != null && !s.isBlank()).map(Path::of).toList();
        for (Path root : candidates) {
            if (Files.isExecutable(root.resolve("usr/sbin/syslog-ng"))) return root;
        }
        Assumptions.abort("syslog-ng not found under " + candidates + ": unpack it as .ci/run does "
                + "(apt-get download syslog-ng-core; dpkg-deb -x syslog-ng-core_*.deb /opt/syslog-ng)");
        return null;
    }

    /** {@code usr/lib/syslog-ng/<version>}, where its modules (afsocket, syslogformat, ...) are. */
    private static String modulePath(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root.resolve("usr/lib/syslog-ng"))) {
            return dirs.filter(Files::isDirectory).filter(p -> p.getFileName().toString().matches("\\d+\\.\\d+"))
                    .findFirst().orElseThrow().toString();
        }
    }
}
