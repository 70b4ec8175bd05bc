package io.sluice.outputs.elasticsearch;

/** A failure of the elasticsearch output that retrying will not fix; the message says what to change. */
public final class ElasticsearchSinkException extends Exception {
    public ElasticsearchSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
