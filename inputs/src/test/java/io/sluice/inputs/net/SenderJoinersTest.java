package io.sluice.inputs.net;

import io.sluice.core.buffer.HeldBytesAccount;
import io.sluice.inputs.multiline.LineEnvelope;
import io.sluice.inputs.multiline.MultilineSettings;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-sender joining of datagrams: senders apart, a bounded number pending, the charge given back. */
class SenderJoinersTest {
    private final List<String> sent = new ArrayList<>();
    private final HeldBytesAccount account = new HeldBytesAccount(1024 * 1024);

    private SenderJoiners joiners(int maxSenders) {
        MultilineSettings java = new MultilineSettings("java", null, 500, 1 << 20, Duration.ofSeconds(1));
        SenderJoiners j = new SenderJoiners(java, LineEnvelope.PLAIN, account, maxSenders, (sender, b, off, end) -> sender);
        j.sendTo((b, off, len, flags, recordOffset, position) -> sent.add(new String(b, off, len, StandardCharsets.UTF_8)));
        return j;
    }

    private static void datagram(SenderJoiners j, int port, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        j.record(new InetSocketAddress("127.0.0.1", port), b, 0, b.length, 0);
    }

    /** Longer than a joiner's small uncharged arrays, so joining it is charged. */
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
}
