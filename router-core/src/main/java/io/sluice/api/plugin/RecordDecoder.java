package io.sluice.api.plugin;

import io.sluice.api.event.LogEvent;

/**
 * Turns one framed record into schema v1 fields. Runs on a pipeline worker thread; each worker
 * creates its own instance through {@link Factory}, so implementations may keep scratch state.
 *
 * <p>The bytes are valid UTF-8 (the pipeline repairs and tags invalid input first) and only valid
 * during the call. A record that cannot be parsed is never thrown away: tag it
 * {@link io.sluice.api.event.Tags#PARSE_FAILED} and keep the raw text as the message, or
 * {@link LogEvent#reject reject} it when the input is configured to dead-letter such records.
 */
public interface RecordDecoder {
    void decode(byte[] bytes, int offset, int length, LogEvent event);

    /** Creates one decoder per worker thread. Must be safe to call from any thread. */
    @FunctionalInterface
    interface Factory {
        RecordDecoder create();
    }
}
