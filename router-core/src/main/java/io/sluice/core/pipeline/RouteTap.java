package io.sluice.core.pipeline;

/**
 * Observes every processed batch at the moment the router splits it among the sinks, in source
 * order: the live tap of the admin endpoint and {@code sluice test} use it. An event a sink later
 * refuses for good is shown again, alone, as a dead-lettered batch (on that sink's thread, with no
 * source name), so {@code /tap?sink=dead_letter} shows every dead letter. Installed with
 * {@link Pipeline#tap}; when none is installed the router pays one volatile read per batch.
 *
 * <p>Called on pipeline worker threads, possibly for several sources at once, while the source's
 * sequencer holds its lock: an implementation must be thread-safe, must not throw and must never block (copy what
 * it keeps into a bounded queue and drop when that is full).
 */
@FunctionalInterface
public interface RouteTap {
    void routed(RoutedBatch batch);
}
