package io.sluice.outputs.kafka;

import io.sluice.api.plugin.PermanentOutputException;

/**
 * The broker refused the producer's credentials or permissions. Permanent: retrying will not grant
 * an ACL, so the sink runner opens the circuit, logs this once with what to grant and probes slowly.
 */
public final class KafkaAccessDeniedException extends PermanentOutputException {
    KafkaAccessDeniedException(String outputId, Throwable cause) {
        super("Kafka output '" + outputId + "' was denied access by the broker: " + cause.getMessage()
                + ". Grant the producer's principal WRITE on the topics (and IDEMPOTENT_WRITE on the cluster, since"
                + " idempotence is on), or fix the sasl.*/ssl.* settings under producer:", cause);
    }
}
