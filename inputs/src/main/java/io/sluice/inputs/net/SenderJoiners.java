package io.sluice.inputs.net;

import io.sluice.api.framing.HeldBytes;
import io.sluice.inputs.multiline.LineEnvelope;
import io.sluice.inputs.multiline.MultilineJoiner;
import io.sluice.inputs.multiline.MultilineSettings;
import io.sluice.inputs.multiline.RecordSink;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Joins continuation datagrams per sender, so two hosts sending stack traces to one UDP listener at
 * the same moment never mix: one {@link MultilineJoiner} per sender key (which the input derives from
 * the source address and what the datagram's header says). At most {@code maxSenders} are kept: a
 * new sender beyond that first sends the least recently heard sender's event as it is. Everything a
 * sender keeps is charged to one {@link HeldBytes} account: its joiner's arrays as they grow, and
 * {@link #SENDER_BYTES} for the objects around them; a new sender the account has no room for is
 * not joined (its datagram is passed on alone at once). A joiner with nothing pending is dropped at
 * the next flush, giving its charge back. Used on the listener's event loop only.
 */
public final class SenderJoiners {
    /**
     * What one sender keeps besides its joiner's arrays, charged when it is first heard: its key (the
     * source address, host and app names), the map entry, the joiner, its two events and rules. An
     * estimate with room to spare: about 0.9 KiB measured without the key, and a syslog key with
     * short names takes about 250 bytes more (SenderJoinersTest checks it).
     */
    static final int SENDER_BYTES = 1280;

    /** Who sent a datagram, as far as joining goes: equal keys share one joiner. */
    @FunctionalInterface
    public interface SenderKey {
        /** The key of the datagram {@code b[off, end)} from {@code sender}. */
        Object of(InetSocketAddress sender, byte[] b, int off, int end);
    }

    private final MultilineSettings multiline;
    private final LineEnvelope envelope;
    private final HeldBytes account;
    private final int maxSenders;
    private final SenderKey keys;
    /** Access order: the first entry is the sender heard from least recently. */
    private final LinkedHashMap<Object, MultilineJoiner> joiners = new LinkedHashMap<>(16, 0.75f, true);
    private RecordSink out;

    /**
     * @param envelope where a datagram's text is (shared by the joiners: they all run on one thread)
     */
    public SenderJoiners(MultilineSettings multiline, LineEnvelope envelope, HeldBytes account, int maxSenders,
                         SenderKey keys) {
        this.multiline = multiline;
        this.envelope = envelope;
        this.account = account;
        this.maxSenders = maxSenders;
        this.keys = keys;
    }

    /** Where joined events (and datagrams that stand alone) go; set once by the receiver. */
    void sendTo(RecordSink out) {
        this.out = out;
    }

    Duration flushTimeout() {
        return multiline.flushTimeout();
    }

    /** One datagram, trailer removed: joined into its sender's event, or sent when it starts a new one. */
    void record(InetSocketAddress sender, byte[] b, int off, int len, int flags) {
        Object key = keys.of(sender, b, off, off + len);
        MultilineJoiner joiner = joiners.get(key);
        if (joiner == null) {
            if (joiners.size() >= maxSenders) retire(joiners.entrySet().iterator());
            if (!account.tryCharge(SENDER_BYTES)) {
                out.record(b, off, len, flags, 0, 0); // no room to hold it: as without multiline
                return;
            }
            joiner = multiline.joiner(out, envelope, account);
            joiners.put(key, joiner);
        }
        joiner.record(b, off, len, flags, 0, 0);
        if (!joiner.hasPending()) { // passed on alone (no room to hold it, or not a line a joiner reads)
            joiners.remove(key);
            forget(joiner);
        }
    }

    /**
     * Sends the events last extended before {@code touchedBefore} ({@link Long#MAX_VALUE}: all) and
     * drops the joiners left with nothing pending.
     */
    void flush(long touchedBefore) {
        for (Iterator<Map.Entry<Object, MultilineJoiner>> it = joiners.entrySet().iterator(); it.hasNext(); ) {
            MultilineJoiner joiner = it.next().getValue();
            joiner.flush(touchedBefore);
            if (!joiner.hasPending()) {
                forget(joiner);
                it.remove();
            }
        }
    }

    /** When the oldest pending event was last extended; {@link Long#MAX_VALUE} when none is. */
    long oldestTouchNanos() {
        long t = Long.MAX_VALUE;
        for (MultilineJoiner j : joiners.values()) t = Math.min(t, j.oldestTouchNanos());
        return t;
    }


    /** Sends the first sender's pending event and forgets that sender. */
    private void retire(Iterator<Map.Entry<Object, MultilineJoiner>> eldest) {
        MultilineJoiner joiner = eldest.next().getValue();
        eldest.remove();
        joiner.flush(Long.MAX_VALUE);
        forget(joiner);
    }

    /** Gives back everything the sender of {@code joiner} was charged. */
    private void forget(MultilineJoiner joiner) {
        joiner.close();
        account.release(SENDER_BYTES);
    }
}
