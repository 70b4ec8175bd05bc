package io.sluice.core.pipeline;

import java.time.Duration;

/**
 * Sizes of the pipeline's moving parts.
 *
 * @param workers         parse/normalize/encode threads (default: one per core)
 * @param batchMaxRecords the most records an input puts in one batch (the design spike found 512 best)
 * @param batchMaxBytes   the most bytes an input puts in one batch
 * @param inFlightBytes   raw bytes admitted but not yet acknowledged by every sink; past it inputs pause
 * @param memoryBudget    bytes all memory sink buffers may hold together (0: no shared budget)
 * @param heldBytes       bytes all inputs may hold for clients outside the in-flight bytes (partial lines)
 * @param warmUp          the most CPU time the JIT warm-up at start may take ({@link WarmUp}; zero: none)
 */
public record PipelineSettings(int workers, int batchMaxRecords, int batchMaxBytes, long inFlightBytes, long memoryBudget,
                               long heldBytes, Duration warmUp) {
    /**
     * The default of {@code pipeline.in_flight_bytes} (docs/operations.md); the config option and {@link #defaults()} use it.
     * Eight full input batches, some 9,000 events of S1: several times what both workers and a sink's default group
     * (1,000 events) take at once. The raw bytes in flight, their events and their encoded bytes are what
     * survives young collections under load; at 16 MiB the heap grew to 96-105 MiB, at 2 MiB it stays at 52-67 MiB
     * for the same CPU per event (docs/performance.md, "Session 5: peak RSS").
     */
    public static final long DEFAULT_IN_FLIGHT_BYTES = 2L * 1024 * 1024;
    /** The default of {@code pipeline.held_bytes}. */
    public static final long DEFAULT_HELD_BYTES = 32L * 1024 * 1024;
    /**
     * The default of {@code pipeline.warm_up}: about 300,000 S3 records, past the compile thresholds of every
     * per-record method (docs/performance.md, "Session 15: warm-up at start").
     */
    public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(1);

    public PipelineSettings(int workers, int batchMaxRecords, int batchMaxBytes, long inFlightBytes, long memoryBudget,
                            long heldBytes) {
        this(workers, batchMaxRecords, batchMaxBytes, inFlightBytes, memoryBudget, heldBytes, DEFAULT_WARM_UP);
    }

    public PipelineSettings(int workers, int batchMaxRecords, int batchMaxBytes, long inFlightBytes) {
        this(workers, batchMaxRecords, batchMaxBytes, inFlightBytes, 0);
    }

    public PipelineSettings(int workers, int batchMaxRecords, int batchMaxBytes, long inFlightBytes, long memoryBudget) {
        this(workers, batchMaxRecords, batchMaxBytes, inFlightBytes, memoryBudget, DEFAULT_HELD_BYTES);
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(Runtime.getRuntime().availableProcessors(), 512, 256 * 1024, DEFAULT_IN_FLIGHT_BYTES);
    }

    /** How long a blocked input waits between checks of its stop flag. */
    public static final Duration POLL = Duration.ofMillis(100);
}
