package io.sluice.api.plugin;

import java.time.Duration;

/**
 * A source of records: reads bytes, frames them into records and hands batches of raw records to
 * the pipeline through {@link Source}s it opens on its {@link InputContext}. It never parses or
 * normalizes on its own threads; the pipeline's workers do (see docs/architecture.md, "Data flow").
 *
 * <p>Lifecycle, all called from the daemon's control thread: {@link #start} once, then {@link #stop}
 * (only signals: stop reading, stop accepting), then {@link #awaitStop}; the pipeline then delivers
 * everything read, and only then {@link #close} tears the transports down. So a release that
 * arrives while draining still finds the input's threads alive (docs/operations.md, "Stopping").
 */
public interface Input {
    /** Opens listeners or files and starts reading on the input's own threads; returns promptly. */
    void start(InputContext context) throws Exception;

    /**
     * Signals the input to stop reading new data and to stop accepting connections. Must unblock any
     * blocking I/O. Returns at once. Transports it needs to finish cleanly (open connections, event
     * loops) may stay until {@link #close}.
     */
    void stop();

    /** Waits until the input has stopped reading: nothing more will be published after it returns true. */
    boolean awaitStop(Duration timeout) throws InterruptedException;

    /**
     * Tears down what {@link #stop} left open (connections, event loops), after the pipeline drained
     * what was read. A record not complete by the time reading stopped (half a line) is not accepted
     * and is dropped here. Default: nothing left to tear down.
     */
    default void close() throws InterruptedException {
    }

    /** True once the input is accepting data (listeners bound, files opened); drives readiness. */
    default boolean isReady() {
        return true;
    }

    /**
     * Why the input works but loses or risks data now (for example: the kernel dropped datagrams in
     * the last minute), for its health check to report Degraded; null when there is nothing to say.
     */
    default String degradedBecause() {
        return null;
    }

    /**
     * The stream description this input would open for its records, without any I/O: {@code sluice
     * test} pushes fixture records through it (the input's real decoder and default fields) instead of
     * reading them from a socket or file. Null when the input does not support that.
     */
    default SourceSpec fixtureSource(InputContext context) {
        return null;
    }

    /**
     * Records of the kind this input reads (one each, no line delimiter), which the pipeline runs through
     * {@link #fixtureSource}'s decoder at start to warm the JIT ({@code pipeline.warm_up}); empty: none.
     */
    default java.util.List<byte[]> warmUpRecords() {
        return java.util.List.of();
    }
}
