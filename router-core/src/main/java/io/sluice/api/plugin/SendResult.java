package io.sluice.api.plugin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The outcome of {@link Output#send}: every event not named here was delivered. Events to retry are
 * sent again alone, with backoff; refused events go to the dead-letter path with the reason.
 */
public final class SendResult {
    private static final SendResult ALL_DELIVERED = new SendResult();

    private final BitSet retry = new BitSet();
    private final List<Refusal> refused = new ArrayList<>();

    /** One refused event: its index in the batch and why the sink refused it. */
    public record Refusal(int index, String type, String reason) {}

    public static SendResult delivered() {
        return ALL_DELIVERED;
    }

    public static SendResult builder() {
        return new SendResult();
    }

    public SendResult retry(int index) {
        checkMutable();
        retry.set(index);
        return this;
    }

    public SendResult refuse(int index, String type, String reason) {
        checkMutable();
        refused.add(new Refusal(index, type, reason));
        return this;
    }

    private void checkMutable() {
        if (this == ALL_DELIVERED) throw new IllegalStateException("use SendResult.builder()");
    }

    public BitSet toRetry() { return retry; }
    public List<Refusal> refused() { return refused; }
    public boolean allDelivered() { return retry.isEmpty() && refused.isEmpty(); }
}
