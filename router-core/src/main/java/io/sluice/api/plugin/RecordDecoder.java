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

    /**
     * The caller decoded every record of a batch it had: publish whatever was counted per record. A
     * metrics counter incremented per record is shared by every worker, and that increment cost an S3
     * event about 3% of the daemon's CPU (docs/performance.md, "Session 6"); count in a field and add it
     * here. Callers must call it after each batch, also when decoding failed part-way.
     */
    default void batchDone() {
    }

    /** Creates one decoder per worker thread. Must be safe to call from any thread. */
    @FunctionalInterface
    interface Factory {
        RecordDecoder create();
    }
}
