package io.sluice.core.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th wait is uniform in [0, min(max, initial * 2^n)].
 * Full jitter spreads retries of many sinks or instances apart (the AWS architecture blog's
 * comparison found it the best of the jitter variants for contended targets).
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
    }

    /** The ceiling of the wait before retry number {@code attempt} (0-based). */
    public long ceilingMillis(int attempt) {
        int shift = Math.min(attempt, 30);
        long c = initialMillis << shift;
        return c <= 0 || c > maxMillis ? maxMillis : c;
    }

    public long delayMillis(int attempt) {
        return ThreadLocalRandom.current().nextLong(ceilingMillis(attempt) + 1);
    }
}
