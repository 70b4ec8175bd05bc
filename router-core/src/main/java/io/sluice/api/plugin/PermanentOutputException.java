package io.sluice.api.plugin;

/**
 * A failure that will not pass until the operator acts: the target refused the credentials, the
 * principal lacks a privilege (an index permission, a topic ACL), TLS trust is missing, the output's
 * stream is gone for the life of the process. Retrying soon only adds load and log noise, so the sink
 * runner opens the circuit at once, logs the message once, reports it in readiness, and probes the
 * target every {@code retry.circuit_open_for} until a send succeeds. Nothing is dropped meanwhile: the
 * events wait in the sink's buffer.
 *
 * <p>The message must say what to change ("grant WRITE on the topics", "check auth.api_key").
 */
public class PermanentOutputException extends OutputException {
    public PermanentOutputException(String message) {
        super(message, null);
    }

    public PermanentOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
