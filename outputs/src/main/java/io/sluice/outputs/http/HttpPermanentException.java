package io.sluice.outputs.http;

/**
 * The receiver refused in a way that will not pass by retrying (credentials, permissions, a wrong
 * URL): the message says what the operator should fix. Unchecked, so the pipeline logs it as an
 * error and marks the output failing.
 */
public class HttpPermanentException extends RuntimeException {
    public HttpPermanentException(String message) {
        super(message);
    }

    public HttpPermanentException(String message, Throwable cause) {
        super(message, cause);
    }
}
