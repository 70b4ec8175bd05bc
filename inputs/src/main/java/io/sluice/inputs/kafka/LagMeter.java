package io.sluice.inputs.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code sluice.input.kafka.lag.records} gauge: records of the assigned partitions not yet
 * acknowledged by every sink (end offset minus acknowledged offset). The consumer is not
 * thread-safe, so the consumer thread computes the sum every {@code interval} and the gauge only
 * reads the stored value. A partition that is fetching uses the end offset the last fetch brought
 * ({@code currentLag}, no request); a paused one fetches nothing, so its end offset is asked for
 * (one bounded {@code endOffsets} request for all of them).
 */
final class LagMeter {
    private static final Logger log = LoggerFactory.getLogger(LagMeter.class);
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(1);

    private final AtomicLong lag = new AtomicLong();
    private final String inputId;
    private final long intervalNanos;
    private long last = System.nanoTime();

    LagMeter(MeterRegistry meters, String inputId, Duration interval) {
        this.inputId = inputId;
        this.intervalNanos = interval.toNanos();
        // strongly referenced: a weakly held AtomicLong is collected and the gauge then reads NaN
        Gauge.builder("sluice.input.kafka.lag.records", lag, AtomicLong::doubleValue).tag("input", inputId)
                .description("records of the assigned partitions not yet acknowledged by every sink (unread or in flight)")
                .strongReference(true).register(meters);
    }

    /** On the consumer thread, after a poll: recomputes the lag when the interval has passed. */
    void update(KafkaConsumer<?, ?> consumer, Map<TopicPartition, PartitionStream> streams) {
        long now = System.nanoTime();
        if (now - last < intervalNanos) return;
        last = now;
        long total = 0;
        List<TopicPartition> unknown = new ArrayList<>();
        for (PartitionStream s : streams.values()) {
            OptionalLong behind = s.paused() ? OptionalLong.empty() : consumer.currentLag(s.partition());
            if (behind.isPresent()) {
                // a known lag implies a known position, so position() does not block here
                long position = consumer.position(s.partition());
                total += s.lag(position + behind.getAsLong(), position);
            } else {
                unknown.add(s.partition());
            }
        }
        if (!unknown.isEmpty()) {
            try {
                total += fromEndOffsets(consumer.endOffsets(unknown, END_OFFSETS_TIMEOUT), streams);
            } catch (WakeupException e) {
                throw e; // stop() was called: the poll loop handles it
            } catch (KafkaException e) {
                // keep the last value rather than report a partial sum; the next interval tries again
                log.debug("Kafka input '{}': end offsets for the lag unavailable: {}", inputId, e.toString());
                return;
            }
        }
        lag.set(total);
    }

    private static long fromEndOffsets(Map<TopicPartition, Long> ends, Map<TopicPartition, PartitionStream> streams) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            PartitionStream s = streams.get(e.getKey());
            if (s != null && e.getValue() != null) total += s.lag(e.getValue(), -1);
        }
        return total;
    }
}
