package io.sluice.api.plugin;

import java.time.Duration;

/**
 * A failure that may pass by itself: the sink runner backs off (exponential, full jitter), counts it
 * against the circuit breaker and sends the same events again. The target may say when to come back
 * (HTTP {@code Retry-After}, a quota's throttle time): then the runner waits at least that long.
 */
public class RetriableException extends OutputException {
    private final Duration retryAfter;

    public RetriableException(String message) {
        this(message, null, Duration.ZERO);
    }

    public RetriableException(String message, Throwable cause) {
        this(message, cause, Duration.ZERO);
    }

    /** @param retryAfter the target's own wait before the next attempt; {@link Duration#ZERO} when it gave none */
    public RetriableException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /** The target's own wait before the next attempt, {@link Duration#ZERO} when it gave none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
