package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the relay tests share: a {@link RelayHarness} per test, the {@code logger} messages every
 * relay forwards (RFC 3164 with and without pid, RFC 5424 with pid and MSGID and without), and the
 * check of what Sluice must make of each.
 */
abstract class RelayTest {
    /** One logger message and what every route must make of it. */
    record Sent(String text, List<String> loggerArgs, String app, long pid, boolean subSecond) {}

    @TempDir
    Path dir;

    RelayHarness relay;

    @AfterEach
    void stopRelay() throws InterruptedException {
        if (relay != null) relay.close();
    }

    /**
     * RFC 3164 messages (second precision) to {@code bsdTo}, RFC 5424 ones (microseconds) to
     * {@code ietfTo}: each a {@code logger} target ({@code -n host -P port}); UDP, TCP and
     * octet-counted TCP.
     */
    static List<Sent> loggerMessages(List<String> bsdTo, List<String> ietfTo) {
        return List.of(
                new Sent("bsd with tag over udp", args(bsdTo, "-p", "local4.err", "-d", "--rfc3164", "-t", "app1"),
                        "app1", LogEvent.NO_NUMBER, false),
                new Sent("bsd with pid over tcp", args(bsdTo, "-p", "local4.err", "-T", "--rfc3164", "-t", "app2",
                        "--id=4242"), "app2", 4242, false),
                new Sent("rfc5424 with pid octet-counted", args(ietfTo, "-p", "local4.err", "-T", "--octet-count",
                        "--rfc5424", "-t", "app3", "--id=4343", "--msgid", "ID1"), "app3", 4343, true),
                new Sent("rfc5424 over udp", args(ietfTo, "-p", "local4.err", "-d", "--rfc5424", "-t", "app4"),
                        "app4", LogEvent.NO_NUMBER, true));
    }

    /** Sends every message through the relay until every route has all of them. */
    void sendUntilEveryRouteHas(List<Sent> sent) {
        relay.sendUntilEveryRouteHas(sent.stream().map(Sent::text).toList(), () -> {
            for (Sent s : sent) relay.logger(args(s.loggerArgs(), s.text()));
        });
    }

    /**
     * The event kept the sender's header: parsed, app name as {@code log.syslog.appname} and
     * {@code service.name}, pid as {@code process.pid}, host, local4.err, the message, and a time
     * between the bounds, with a fraction exactly when {@code subSecond}.
     */
    static void assertRelayed(SoftAssertions soft, String where, LogEvent e, Sent s, String message, long pid,
                              boolean subSecond, Instant before, Instant after) {
        soft.assertThat(e.tags()).as(where).doesNotContain(Tags.PARSE_FAILED, Tags.TIMESTAMP_MISSING);
        soft.assertThat(e.syslog().appname()).as(where).isEqualTo(s.app());
        soft.assertThat(e.serviceName()).as(where).isEqualTo(s.app());
        soft.assertThat(e.pid()).as(where).isEqualTo(pid);
        soft.assertThat(e.hostName()).as(where).isEqualTo(RelayHarness.loggerHostname());
        soft.assertThat(e.syslog().facilityCode()).as(where).isEqualTo(20);
        soft.assertThat(e.syslog().severityCode()).as(where).isEqualTo(3);
        soft.assertThat(e.message()).as(where).isEqualTo(message);
        Instant time = Instant.ofEpochSecond(0, e.timestampNanos());
        soft.assertThat(time).as(where).isBetween(before, after);
        soft.assertThat(time.getNano() != 0).as(where + ": sub-second time").isEqualTo(subSecond);
    }

    static List<String> args(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
