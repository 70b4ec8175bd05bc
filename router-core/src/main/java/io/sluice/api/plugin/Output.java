package io.sluice.api.plugin;

/**
 * A sink. The pipeline owns buffering, batching, retry with backoff, the circuit breaker and dead
 * letters; an output only writes a batch and says how it went.
 *
 * <p>Threads: {@link #start} and {@link #close} are called from the daemon's control thread;
 * {@link #send} from the sink's worker thread(s) — one at a time unless the output's
 * {@link #concurrency()} is above 1.
 */
public interface Output {
    /** Connects or opens files. May throw {@link RetriableException} when the target is not reachable yet. */
    void start(OutputContext context) throws Exception;

    /**
     * Writes every event of the batch, returning only once they are durable as far as this sink can
     * tell (flushed, acknowledged by the broker or the node).
     *
     * @return per-event outcome: all delivered, or some to retry, or some refused for good
     * @throws RetriableException the whole batch failed for a reason that may pass (connection, 5xx, disk full)
     * @throws Exception          anything else: the pipeline logs it as an error, marks the sink failing and retries
     */
    SendResult send(SinkBatch batch) throws Exception;

    /** How many {@link #send} calls may run at once (several concurrent bulk requests, say). */
    default int concurrency() {
        return 1;
    }

    /** Releases connections and files; pending data was already sent or is left in the buffers. */
    void close() throws Exception;
}
