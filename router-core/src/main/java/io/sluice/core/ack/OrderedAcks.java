package io.sluice.core.ack;

import io.sluice.api.plugin.AckListener;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns out-of-order batch completions into in-order acknowledgements: the listener hears a
 * batch's position only once every earlier batch of the same source is complete, so a checkpoint
 * never skips over an unacknowledged record.
 */
public final class OrderedAcks {
    private final AckListener listener;
    private final Map<Long, Long> done = new HashMap<>();
    private long next;

    public OrderedAcks(AckListener listener) {
        this.listener = listener;
    }

    /** Batch {@code number} (0, 1, 2... in publish order) is complete; its last record is at {@code position}. */
    public synchronized void complete(long number, long position) {
        done.put(number, position);
        long last = Long.MIN_VALUE;
        boolean advanced = false;
        Long p;
        while ((p = done.remove(next)) != null) {
            last = p;
            advanced = true;
            next++;
        }
        if (advanced && listener != null) listener.acknowledged(last);
    }

    /** Batches not yet acknowledged in order (waiting for an earlier one, or themselves pending). */
    public synchronized int waiting() {
        return done.size();
    }
}
