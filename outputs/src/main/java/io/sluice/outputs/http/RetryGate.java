package io.sluice.outputs.http;

import io.sluice.api.plugin.RetriableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Honours a receiver's {@code Retry-After}: until the time it named, sends fail fast as retriable
 * without a request, and the failure carries the time still to wait so the sink runner sleeps that
 * long rather than its own shorter backoff. (The failure that carried the answer itself hands the
 * wait to the runner too; the gate covers the events a partial answer marked for retry.)
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
            throw new RetriableException(receiver + " asked to wait (Retry-After) until " + until + "; not sending before",
                    null, Duration.between(clock.instant(), until));
        }
    }
}
