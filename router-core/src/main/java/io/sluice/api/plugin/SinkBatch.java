package io.sluice.api.plugin;

import io.sluice.api.event.LogEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The events a sink writes in one {@link Output#send}: each with its {@link LogEvent} (for templates
 * and keys) and its JSON bytes, encoded once by the pipeline and shared by every sink.
 *
 * <p>Valid only until {@code send} returns: the pipeline reuses the arrays holding the JSON once every
 * sink has the batch, so an output that keeps bytes past its send copies them (as request bodies do).
 */
public interface SinkBatch {
    int size();

    LogEvent event(int i);

    /** The array holding event {@code i}'s JSON; read {@link #jsonLength} bytes from {@link #jsonOffset}. */
    byte[] jsonArray(int i);

    int jsonOffset(int i);

    int jsonLength(int i);

    /** Total JSON bytes of the batch. */
    long byteSize();

    default void writeJson(int i, OutputStream out) throws IOException {
        out.write(jsonArray(i), jsonOffset(i), jsonLength(i));
    }

    /** Event {@code i}'s JSON as a new string (tests and slow paths). */
    default String json(int i) {
        return new String(jsonArray(i), jsonOffset(i), jsonLength(i), StandardCharsets.UTF_8);
    }
}
