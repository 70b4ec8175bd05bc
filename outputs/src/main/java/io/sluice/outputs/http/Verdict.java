package io.sluice.outputs.http;

import java.time.Duration;

/**
 * What one HTTP response means for the events in its request. Each protocol's status table
 * ({@link GenericStatuses}, ...) answers with one of these, so mapping onto the plugin API's
 * failure types is done once, in {@link BatchDelivery}.
 *
 * @param retryAfter for {@link Kind#RETRY}: how long the receiver asked us to wait, or null
 * @param reason     for the log and the dead letter: status and the receiver's own words
 */
public record Verdict(Kind kind, Duration retryAfter, String reason) {
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
        TOO_LARGE
    }

    public static final Verdict DELIVERED = new Verdict(Kind.DELIVERED, null, "delivered");

    public static Verdict retry(Duration after, String reason) {
        return new Verdict(Kind.RETRY, after, reason);
    }

    public static Verdict of(Kind kind, String reason) {
        return new Verdict(kind, null, reason);
    }
}
