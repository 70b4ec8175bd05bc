package io.sluice.outputs.http;

import io.sluice.api.plugin.RetriableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Honours a receiver's {@code Retry-After}: until the time it named, sends fail fast as retriable
 * without a request, whatever backoff the core chose. (The plugin API cannot carry a retry-after
 * yet; when it can, {@link #closeFor} is where the duration is handed over instead.)
 */
final class RetryGate {
    private final Clock clock;
    private volatile Instant openAt = Instant.MIN;

    RetryGate(Clock clock) {
        this.clock = clock;
    }

    void closeFor(Duration wait) {
        if (wait == null || wait.isZero()) return;
        Instant until = clock.instant().plus(wait);
        if (until.isAfter(openAt)) openAt = until;
    }

    void checkOpen(String receiver) throws RetriableException {
        Instant until = openAt;
        if (clock.instant().isBefore(until)) {
            throw new RetriableException(receiver + " asked to wait (Retry-After) until " + until + "; not sending before");
        }
    }
}
