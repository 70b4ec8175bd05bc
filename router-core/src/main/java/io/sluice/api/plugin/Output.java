package io.sluice.api.plugin;

/**
 * A sink. The pipeline owns buffering, batching, retry with backoff, the circuit breaker and dead
 * letters; an output only writes a batch and says how it went. It never sleeps, loops or retries
 * by itself.
 *
 * <p>Threads: {@link #start} and {@link #close} are called from the daemon's control thread;
 * {@link #send} from the sink's runner thread(s) — one at a time unless the output's
 * {@link #concurrency()} is above 1.
 *
 * <h2>How a send fails</h2>
 * The sink runner acts on what {@link #send} returns or throws:
 * <table>
 *   <caption>Failure taxonomy</caption>
 *   <tr><th>the output says</th><th>meaning</th><th>the runner</th></tr>
 *   <tr><td>{@link SendResult#refuse} for an event</td><td>the target refused that event for good
 *       (mapping conflict, record too large for the topic, no topic for it)</td><td>dead-letters it
 *       with the reason; the rest of the batch counts as delivered</td></tr>
 *   <tr><td>{@link SendResult#retry} for an event</td><td>that event did not get through this time</td>
 *       <td>sends the events to retry again, alone, after a backoff</td></tr>
 *   <tr><td>throws {@link RetriableException}</td><td>the whole batch failed for a reason that may pass
 *       (connection refused, timeout, 429, 5xx, disk full)</td><td>backs off with jitter (at least the
 *       exception's {@link RetriableException#retryAfter}), counts a failure against the circuit breaker,
 *       resends</td></tr>
 *   <tr><td>throws {@link PermanentOutputException}</td><td>the operator must act (credentials refused,
 *       a missing privilege or ACL, TLS trust)</td><td>opens the circuit at once, logs the message once,
 *       reports it in readiness, probes every {@code retry.circuit_open_for}; events wait in the buffer</td></tr>
 *   <tr><td>throws {@link RequestTooLargeException}</td><td>the request was refused for its size</td>
 *       <td>resends the batch in halves, in order, down to single events; a single event still too large
 *       is dead-lettered with the message</td></tr>
 *   <tr><td>throws anything else</td><td>unclassified: a bug or a failure the output did not foresee</td>
 *       <td>treated as retriable, but logged as an error naming the exception</td></tr>
 * </table>
 */
public interface Output {
    /**
     * Connects or opens files.
     *
     * @throws RetriableException       the target is not reachable yet
     * @throws PermanentOutputException the configuration cannot work (credentials, trust, permissions)
     */
    void start(OutputContext context) throws Exception;

    /**
     * Writes every event of the batch, returning only once they are durable as far as this sink can
     * tell (flushed, acknowledged by the broker or the node). See the class comment for how failures
     * are reported and what the pipeline does with each kind.
     *
     * @return per-event outcome: all delivered, or some to retry, or some refused for good
     * @throws RetriableException        the whole batch failed for a reason that may pass
     * @throws PermanentOutputException  the whole batch failed and will until the operator acts
     * @throws RequestTooLargeException  the target refused the request for its size
     */
    SendResult send(SinkBatch batch) throws Exception;

    /** How many {@link #send} calls may run at once (several concurrent bulk requests, say). */
    default int concurrency() {
        return 1;
    }

    /**
     * Whether a partial batch waits up to {@code batch.max_delay} for more events before {@link #send}. Batching
     * saves an output that pays per call (a request, a flush); one whose call costs nothing worth saving
     * (blackhole) says false, and its partial batches go at once unless the user set {@code batch.max_delay}.
     */
    default boolean batchesPayOff() {
        return true;
    }

    /** Releases connections and files; pending data was already sent or is left in the buffers. */
    void close() throws Exception;
}
