package io.sluice.core.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A sink's circuit breaker (Resilience4j): opens after {@code failures} consecutive failed sends,
 * or at once on a permanent failure, stays open for {@code openFor}, then lets one probe through
 * (half-open); its state feeds readiness and metrics.
 */
public final class SinkCircuitBreaker {
    private final CircuitBreaker breaker;

    public SinkCircuitBreaker(String name, int failures, Duration openFor) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failures)
                .minimumNumberOfCalls(failures)
                .failureRateThreshold(100f)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(Exception.class)
                .build();
        this.breaker = CircuitBreaker.of(name, config);
    }

    /** True when a send may go now (closed, or the half-open probe). */
    public boolean tryAcquire() {
        return breaker.tryAcquirePermission();
    }

    public void success(long nanos) {
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }

    public void failure(long nanos, Throwable cause) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
    }

    /**
     * A failure the operator must fix: record it and open the circuit now rather than after
     * {@code failures} attempts; the next probe comes after {@code openFor}.
     */
    public void failurePermanently(long nanos, Throwable cause) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
        if (!isOpen()) breaker.transitionToOpenState(); // recording in half-open has opened it already
    }

    /**
     * The acquired call said nothing about the target's health (it answered, but refused the request
     * for its size): give the permission back without counting a success or a failure, so a
     * half-open probe is not used up.
     */
    public void release() {
        breaker.releasePermission();
    }

    public boolean isOpen() {
        CircuitBreaker.State s = breaker.getState();
        return s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.FORCED_OPEN;
    }

    /** closed, open or half_open. */
    public String state() {
        return breaker.getState().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** 0 closed, 1 open, 2 half-open: the gauge value in metrics. */
    public int stateCode() {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }

    static boolean isRejection(Throwable t) {
        return t instanceof CallNotPermittedException;
    }
}
