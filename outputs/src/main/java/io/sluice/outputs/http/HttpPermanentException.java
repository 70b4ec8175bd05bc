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

    /** A TLS handshake with {@code host} failed: a trust or certificate problem that retrying will not fix. */
    public static HttpPermanentException tlsFailed(String host, javax.net.ssl.SSLException ssl, Throwable cause) {
        return new HttpPermanentException("TLS with " + host + " failed (" + ssl.getMessage()
                + "): check tls.ca_file, tls.fingerprint or tls.cert_file", cause);
    }
}
