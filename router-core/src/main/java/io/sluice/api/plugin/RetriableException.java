package io.sluice.api.plugin;

/** A failure that may pass: the pipeline retries with backoff and counts it against the circuit breaker. */
public class RetriableException extends Exception {
    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
