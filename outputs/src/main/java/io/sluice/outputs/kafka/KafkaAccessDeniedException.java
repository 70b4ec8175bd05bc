package io.sluice.outputs.kafka;

/**
 * The broker refused the producer's credentials or permissions. Not retriable by nature: the sink
 * fails loudly with what to fix rather than retrying quietly forever.
 */
public final class KafkaAccessDeniedException extends Exception {
    KafkaAccessDeniedException(String outputId, Throwable cause) {
        super("Kafka output '" + outputId + "' was denied access by the broker: " + cause.getMessage()
                + ". Grant the producer's principal WRITE on the topics (and IDEMPOTENT_WRITE on the cluster, since"
                + " idempotence is on), or fix the sasl.*/ssl.* settings under producer:", cause);
    }
}
