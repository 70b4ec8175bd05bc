package io.sluice.api.plugin;

/**
 * Why a whole {@link Output#send} (or {@link Output#start}) failed, in the three kinds the sink runner
 * acts on differently (the taxonomy of Kafka Connect's {@code RetriableException}, widened):
 * <ul>
 *   <li>{@link RetriableException}: may pass by itself (connection refused, timeout, 429, 5xx, a full
 *       disk): back off and send the same events again.</li>
 *   <li>{@link PermanentOutputException}: will not pass until the operator acts (credentials refused,
 *       a missing privilege or ACL, TLS trust): the circuit opens, the message is logged once and shown
 *       in readiness, and the sink is probed slowly until it is fixed.</li>
 *   <li>{@link RequestTooLargeException}: the target refused the request for its size: the events are
 *       sent again in halves, down to single events; an event too large on its own is dead-lettered.</li>
 * </ul>
 * Events the target refuses one by one (a mapping conflict, a record too large for a topic) are not
 * exceptions: they are {@link SendResult#refuse refusals} and go to the dead-letter path.
 *
 * <p>The constructor is package-private so these three stay the only kinds; an output that wants its
 * own type extends one of them. The message is for the operator: say what to change.
 */
public abstract class OutputException extends Exception {
    OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
