package io.sluice.outputs.elasticsearch;

import io.sluice.api.plugin.PermanentOutputException;

/**
 * A failure of the elasticsearch output that retrying will not fix (credentials, privileges, TLS
 * trust); the message says what to change. The sink runner opens the circuit and probes slowly.
 */
public final class ElasticsearchSinkException extends PermanentOutputException {
    public ElasticsearchSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
