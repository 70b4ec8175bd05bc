package io.sluice.config;

/**
 * The optional {@code pipeline:} block: how raw records are batched for the worker pool.
 *
 * @param workers         worker threads (default: available processors)
 * @param batchMaxRecords most raw records per batch handed to the workers
 * @param batchMaxBytes   most raw bytes per batch
 * @param inFlightBytes   most raw bytes read but not yet acknowledged by every output, over all inputs
 * @param memoryBudget    most bytes all memory sink buffers hold together; 0 for no shared budget
 */
public record PipelineTuning(int workers, int batchMaxRecords, long batchMaxBytes, long inFlightBytes, long memoryBudget) {
    public PipelineTuning(int workers, int batchMaxRecords, long batchMaxBytes, long inFlightBytes) {
        this(workers, batchMaxRecords, batchMaxBytes, inFlightBytes, 0);
    }
}
