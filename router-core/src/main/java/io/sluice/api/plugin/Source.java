package io.sluice.api.plugin;

/**
 * One ordered stream of raw records into the pipeline. Batches published on one source come out in
 * the order published, whatever worker parsed them. Not thread-safe: one reader thread uses it.
 *
 * <p>Backpressure: {@link #publish} always takes the batch (it was already read), and answers
 * whether the pipeline has room for more. An event-loop input that gets {@code false} stops reading
 * and calls {@link #whenCapacity}; a blocking reader calls {@link #awaitCapacity} before reading on.
 */
public interface Source extends AutoCloseable {
    /** A new empty batch sized by the pipeline's batch limits. */
    RawBatch newBatch();

    /** Hands over a batch (ignored when empty). Returns false when the reader should pause. */
    boolean publish(RawBatch batch);

    boolean hasCapacity();

    /** Runs the task once, on some pipeline thread, as soon as there is room (at once if there is). */
    void whenCapacity(Runnable task);

    /** Blocks until there is room. */
    void awaitCapacity() throws InterruptedException;

    /** No more batches will come; already published ones are still delivered and acknowledged. */
    @Override
    void close();
}
