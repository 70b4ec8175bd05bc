package io.sluice.outputs.http;

import io.sluice.api.plugin.PermanentOutputException;

/**
 * The receiver refused in a way that will not pass by retrying (credentials, permissions, a wrong
 * URL): the message says what the operator should fix. A {@link PermanentOutputException}, so the sink
 * runner opens the circuit at once, names it in readiness and probes slowly, rather than retrying it
 * as an unknown failure.
 */
public class HttpPermanentException extends PermanentOutputException {
    public HttpPermanentException(String message) {
        super(message);
    }

    public HttpPermanentException(String message, Throwable cause) {
        super(message, cause);
    }
}
