package io.sluice.api.plugin;

import io.sluice.api.event.LogEvent;

/**
 * One entry of {@code transforms:}, applied on the worker threads to each normalized event before
 * routing. Implementations are called by several workers at once: state shared between events
 * (counters, windows) must be thread-safe without one lock every event waits on (stripe it).
 */
@FunctionalInterface
public interface Transform {
    /** Changes the event in place; false drops it (the transform counts why). */
    boolean apply(LogEvent event);

    /**
     * True when the transform must also see events already refused for the dead-letter path (a
     * redaction must, so nothing it hides leaks into dead letters); most transforms skip them.
     */
    default boolean appliesToRefused() {
        return false;
    }

    /**
     * Releases what the transform holds beyond its events (a watch on the Kubernetes API); called once
     * when the pipeline stops or a reload replaces the transforms, after no worker uses it any more.
     */
    default void close() {
    }
}
