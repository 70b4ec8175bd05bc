package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.core.buffer.HeldBytesAccount;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood of UDP senders against a syslog listener with {@code multiline}: every sender (a source
 * port of its own, as spoofed ones would be) gets a joiner, and what each keeps is charged to the
 * held-bytes account ({@code sluice_pipeline_held_bytes}, {@code sluice_pipeline_held_refused_total}
 * are this account), given back when its event is flushed or its joiner evicted. Real datagrams on
 * loopback, sent one at a time and each taken by the listener before the next (so the kernel's
 * receive buffer never drops one); events are published at the end of a read burst, so a little later.
 */
class SyslogUdpSenderFloodTest {
    /** What {@code SenderJoiners} charges per sender at least: its fixed part, before its line. */
    private static final int SENDER_CHARGE = 1280;

    @TempDir
    Path dir;

    private SyslogInput input;
    private CollectingInputContext ctx;
    private HeldBytesAccount account;
    private final List<DatagramSocket> senders = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (DatagramSocket s : senders) s.close();
        SyslogInputs.stop(input);
    }

    private void start(long heldBytes, String flushTimeout) throws Exception {
        input = SyslogInputs.create("{\"listen\":\"127.0.0.1:0\",\"protocols\":[\"udp\"],"
                + "\"multiline\":{\"mode\":\"java\",\"flush_timeout\":\"" + flushTimeout + "\"}}");
        ctx = new CollectingInputContext("sys", dir.resolve("data"));
        account = ctx.limitHeldBytes(heldBytes);
        input.start(ctx);
    }

    private static byte[] message(int sender) {
        return ("<11>Dec  3 07:14:33 web-1 pricing[7]: sender " + sender + " failed").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends one datagram from each of {@code count} new sockets, numbered from {@code first}; after
     * each, waits until the listener took it: held (the account grew) or passed on (an event more).
     *
     * @return the most the account held meanwhile
     */
    private long flood(int first, int count) throws IOException {
        InetSocketAddress to = input.udpAddress();
        long most = 0;
        for (int i = first; i < first + count; i++) {
            DatagramSocket s = new DatagramSocket();
            senders.add(s);
            long used = account.used();
            int events = ctx.events().size();
            byte[] b = message(i);
            s.send(new DatagramPacket(b, b.length, to));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (account.used() == used && ctx.events().size() == events) {
                assertThat(System.nanoTime()).as("datagram %d taken by the listener", i).isLessThan(deadline);
                Thread.onSpinWait();
            }
            most = Math.max(most, account.used());
        }
        return most;
    }

    private List<String> messages() {
        return ctx.events().stream().map(LogEvent::message).toList();
    }

    @Test
    void everySenderIsChargedAndTheLeastRecentlyHeardGiveItBackWhenEvicted() throws Exception {
        start(16 * 1024 * 1024, "1h");
        flood(0, 1024);
        assertThat(ctx.events()).as("all 1,024 senders wait for a line that does not continue them").isEmpty();
        long held = account.used();
        assertThat(held).as("sluice_pipeline_held_bytes with 1,024 senders joining")
                .isGreaterThanOrEqualTo(1024L * (SENDER_CHARGE + message(0).length));

        flood(1024, 500);
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 500);
        assertThat(messages()).as("each new sender beyond 1,024 sends the least recently heard one's event")
                .hasSize(500).allMatch(m -> m.matches("sender \\d+ failed"))
                .contains("sender 0 failed", "sender 499 failed").doesNotContain("sender 500 failed");
        assertThat(account.used()).as("still 1,024 senders' worth, not 1,524")
                .isLessThan(held + held / 1024 * 100);

        SyslogInputs.stop(input);
        input = null;
        assertThat(messages()).hasSize(1524).doesNotHaveDuplicates();
        assertThat(account.used()).as("every sender's charge given back").isZero();
    }

    @Test
    void aFloodBeyondTheBudgetStaysWithinItAndEveryDatagramPassesOnce() throws Exception {
        start(64 * 1024, "500ms");
        long most = flood(0, 1024);
        assertThat(most).as("sluice_pipeline_held_bytes never passes its limit").isLessThanOrEqualTo(64 * 1024);
        assertThat(account.refused()).as("sluice_pipeline_held_refused_total: senders it had no room for").isPositive();

        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 1024);
        assertThat(messages()).as("held or not, every datagram is passed on once").hasSize(1024).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(5)).until(() -> account.used() == 0);
    }
}
