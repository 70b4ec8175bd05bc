package io.sluice.outputs.http;

import java.time.Duration;
import java.util.List;

/**
 * What one HTTP response means for the events in its request. Each protocol's status table
 * ({@link GenericStatuses}, ...) answers with one of these, so mapping onto the plugin API's
 * failure types is done once, in {@link BatchDelivery}.
 *
 * @param retryAfter for {@link Kind#RETRY}: how long the receiver asked us to wait, or null
 * @param reason     for the log and the dead letter: status and the receiver's own words
 * @param items      for {@link Kind#PARTIAL}: the items that were not accepted
 */
public record Verdict(Kind kind, Duration retryAfter, String reason, List<Item> items) {
    /** One item of a partly accepted request: its position in the request, and RETRY or REFUSE_EVENTS. */
    public record Item(int position, Kind kind, String reason) {}

    public enum Kind {
        /** every event of the request was accepted */
        DELIVERED,
        /** the receiver may take the same request later (busy, throttled, down) */
        RETRY,
        /** the receiver will never take these events: dead-letter them with the reason */
        REFUSE_EVENTS,
        /** nothing will pass until an operator acts (credentials, permissions, wrong URL) */
        PERMANENT,
        /** the request was larger than the receiver takes: send it again in smaller parts */
        TOO_LARGE,
        /** the receiver took some items: the {@link #items} it did not take are retried or refused each */
        PARTIAL
    }

    public static final Verdict DELIVERED = new Verdict(Kind.DELIVERED, null, "delivered", List.of());

    public static Verdict retry(Duration after, String reason) {
        return new Verdict(Kind.RETRY, after, reason, List.of());
    }

    public static Verdict of(Kind kind, String reason) {
        return new Verdict(kind, null, reason, List.of());
    }

    public static Verdict partial(Duration retryAfter, String reason, List<Item> items) {
        return new Verdict(Kind.PARTIAL, retryAfter, reason, List.copyOf(items));
    }
}
