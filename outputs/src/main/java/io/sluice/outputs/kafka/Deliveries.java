package io.sluice.outputs.kafka;

import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The broker's answers for one batch: each record's send callback fills its slot, and
 * {@link #result} turns them into per-event outcomes once every callback has come. An event counts
 * as delivered only when its callback reported success.
 */
final class Deliveries {
    private static final Throwable NOT_SENT = new RetriableException("not sent: an earlier record of the batch timed out");

    private final Throwable[] errors;
    private final String[] refusals;
    private final CountDownLatch pending;

    Deliveries(int size) {
        this.errors = new Throwable[size];
        this.refusals = new String[size];
        this.pending = new CountDownLatch(size);
    }

    /** The callback of event {@code i}; runs on the producer's I/O thread (or inside send()). */
    Callback callback(int i) {
        return (metadata, exception) -> {
            errors[i] = exception;
            pending.countDown();
        };
    }

    /** Event {@code i} is refused before it is sent (e.g. no topic for it). */
    void refuse(int i, String reason) {
        refusals[i] = reason;
        pending.countDown();
    }

    /** Event {@code i} is not sent in this call and is handed back to the core's retries. */
    void skip(int i) {
        failed(i, NOT_SENT);
    }

    /** Event {@code i} failed inside send() itself. */
    void failed(int i, Throwable error) {
        errors[i] = error;
        pending.countDown();
    }

    /** True when event {@code i} already failed with an error worth retrying (send() timed out on metadata). */
    boolean failedRetriably(int i) {
        Throwable e = errors[i];
        return e != null && isRetriable(e);
    }

    boolean await(Duration timeout) throws InterruptedException {
        return pending.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The outcome of the batch. Throws {@link RetriableException} when no event got through for a
     * transient reason (the broker is away: the core backs off and counts it against the circuit
     * breaker), and {@link KafkaAccessDeniedException} when the broker refused our credentials.
     */
    SendResult result(String outputId, boolean complete) throws RetriableException, KafkaAccessDeniedException {
        if (!complete) {
            throw new RetriableException("Kafka output '" + outputId + "': the broker did not answer for every record in time");
        }
        SendResult result = null;
        int retries = 0;
        int delivered = 0;
        Throwable firstRetriable = null;
        for (int i = 0; i < errors.length; i++) {
            Throwable e = errors[i];
            if (refusals[i] != null) {
                result = builder(result).refuse(i, "kafka_no_topic", refusals[i]);
            } else if (e == null) {
                delivered++;
            } else if (e instanceof AuthorizationException || e instanceof AuthenticationException) {
                throw new KafkaAccessDeniedException(outputId, e);
            } else if (e instanceof RecordTooLargeException) {
                result = builder(result).refuse(i, "kafka_record_too_large", e.getMessage());
            } else if (e instanceof InvalidTopicException) {
                result = builder(result).refuse(i, "kafka_invalid_topic", e.getMessage());
            } else {
                // Retriable by Kafka's own classification or not, anything else is most likely passing
                // (the broker restarting, a leader moving): the core retries it rather than drop data.
                if (firstRetriable == null || firstRetriable == NOT_SENT) firstRetriable = e;
                retries++;
                result = builder(result).retry(i);
            }
        }
        if (retries > 0 && delivered == 0 && retries == errors.length) {
            throw new RetriableException("Kafka output '" + outputId + "': no record of the batch was acknowledged: "
                    + firstRetriable, firstRetriable);
        }
        return result == null ? SendResult.delivered() : result;
    }

    private static SendResult builder(SendResult result) {
        return result == null ? SendResult.builder() : result;
    }

    static boolean isRetriable(Throwable e) {
        return e == NOT_SENT || e instanceof org.apache.kafka.common.errors.RetriableException;
    }
}
