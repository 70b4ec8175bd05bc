package io.sluice.inputs.net;

import io.sluice.core.buffer.HeldBytesAccount;
import io.sluice.inputs.multiline.LineEnvelope;
import io.sluice.inputs.multiline.MultilineSettings;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-sender joining of datagrams: senders apart, a bounded number pending, the charge given back. */
class SenderJoinersTest {
    private final List<String> sent = new ArrayList<>();
    private final HeldBytesAccount account = new HeldBytesAccount(1024 * 1024);

    private SenderJoiners joiners(int maxSenders) {
        return joiners(maxSenders, account);
    }

    private SenderJoiners joiners(int maxSenders, HeldBytesAccount account) {
        MultilineSettings java = new MultilineSettings("java", null, 500, 1 << 20, Duration.ofSeconds(1));
        SenderJoiners j = new SenderJoiners(java, LineEnvelope.PLAIN, account, maxSenders, (sender, b, off, end) -> sender);
        j.sendTo((b, off, len, flags, recordOffset, position) -> sent.add(new String(b, off, len, StandardCharsets.UTF_8)));
        return j;
    }

    private static void datagram(SenderJoiners j, int port, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        j.record(new InetSocketAddress("127.0.0.1", port), b, 0, b.length, 0);
    }

    private static final String LONG_FRAME = "\tat one.Frame" + "x".repeat(400) + "(One.java:1)";

    @Test
    void aNewSenderBeyondTheBoundSendsTheLeastRecentlyHeardSendersEvent() {
        SenderJoiners j = joiners(2);
        datagram(j, 1001, "one failed");
        datagram(j, 1002, "two failed");
        datagram(j, 1001, LONG_FRAME); // sender 1001 is now the most recent
        assertThat(sent).isEmpty();
        assertThat(account.used()).isPositive();

        datagram(j, 1003, "three failed");
        assertThat(sent).as("the third sender retires 1002, heard from least recently").containsExactly("two failed");

        j.flush(Long.MAX_VALUE);
        assertThat(sent).containsExactly("two failed", "one failed\n" + LONG_FRAME, "three failed");
        assertThat(account.used()).as("nothing pending: every joiner gave its charge back").isZero();
    }

    @Test
    void theFlushSendsOnlyEventsThatWaitedTheTimeout() {
        SenderJoiners j = joiners(10);
        datagram(j, 1001, "one failed");
        long between = System.nanoTime();
        datagram(j, 1002, "two failed");
        j.flush(between);
        assertThat(sent).containsExactly("one failed");
        assertThat(j.oldestTouchNanos()).as("the second still waits").isGreaterThanOrEqualTo(between).isNotEqualTo(Long.MAX_VALUE);
    }

    @Test
    void manySendersStayWithinASmallAccountAndThoseItHasNoRoomForPassAloneAtOnce() {
        HeldBytesAccount small = new HeldBytesAccount(64 * 1024);
        SenderJoiners j = joiners(1024, small);
        for (int port = 1; port <= 1024; port++) {
            datagram(j, port, "sender " + port + " failed");
            assertThat(small.used()).isLessThanOrEqualTo(small.limit());
        }
        assertThat(small.refused()).isPositive();
        assertThat(sent).as("the senders the account had no room for were not held").isNotEmpty();
        assertThat((1024 - sent.size()) * (long) SenderJoiners.SENDER_BYTES).as("held: within the account")
                .isLessThanOrEqualTo(small.limit());

        j.flush(Long.MAX_VALUE);
        assertThat(new HashSet<>(sent)).as("every datagram passed on once").hasSize(1024);
        assertThat(sent).hasSize(1024);
        assertThat(small.used()).isZero();
    }

    @Test
    void whatASenderIsChargedCoversWhatItAllocates() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int senders = 1000;
        List<InetSocketAddress> addresses = new ArrayList<>();
        List<byte[]> texts = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            addresses.add(new InetSocketAddress("127.0.0.1", 1000 + i));
            texts.add(("sender " + i + " failed").getBytes(StandardCharsets.UTF_8));
        }
        HeldBytesAccount large = new HeldBytesAccount(64 * 1024 * 1024);
        SenderJoiners j = joiners(senders, large);
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < senders; i++) j.record(addresses.get(i), texts.get(i), 0, texts.get(i).length, 0);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(sent).as("all held").isEmpty();
        // the keys were made before: the charge must also leave room for a syslog key (an address, a
        // host and an app name: about 250 bytes with short names)
        assertThat(large.used()).as("charged for %d senders that allocated %d bytes", senders, allocated)
                .isGreaterThanOrEqualTo(allocated + senders * 250L);
    }
}
