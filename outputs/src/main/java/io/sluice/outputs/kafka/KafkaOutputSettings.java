package io.sluice.outputs.kafka;

import io.sluice.api.option.Options;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka output's validated settings and the producer properties made from them: safe by
 * default (every replica acknowledges, idempotent, so a retried batch is not written twice), with
 * the user's {@code producer:} settings applied last.
 */
record KafkaOutputSettings(String bootstrapServers, TopicTemplate topic, TopicTemplate fallbackTopic, String key,
                           String compression, Duration deliveryTimeout, Map<String, String> producer) {

    /** Larger than Kafka's 16 KiB default: log records compress far better in big batches. */
    static final int BATCH_SIZE = 256 * 1024;
    static final int LINGER_MS = 5;

    static KafkaOutputSettings from(Options o) {
        return new KafkaOutputSettings(String.join(",", o.get(KafkaOutputPlugin.BOOTSTRAP_SERVERS)),
                o.get(KafkaOutputPlugin.TOPIC), o.get(KafkaOutputPlugin.FALLBACK_TOPIC), o.get(KafkaOutputPlugin.KEY),
                o.get(KafkaOutputPlugin.COMPRESSION), o.get(KafkaOutputPlugin.DELIVERY_TIMEOUT),
                o.get(KafkaOutputPlugin.PRODUCER));
    }

    Map<String, Object> producerProperties(String outputId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-" + outputId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        long delivery = deliveryTimeout.toMillis();
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, delivery));
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, delivery - LINGER_MS));
        // send() blocks while it waits for topic metadata or buffer space: never longer than a delivery.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        p.putAll(producer);
        // acks below "all" cannot be idempotent; follow the user's acks unless they chose both.
        if (producer.containsKey(ProducerConfig.ACKS_CONFIG) && !producer.containsKey(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)
                && !isAll(producer.get(ProducerConfig.ACKS_CONFIG))) {
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        }
        return p;
    }

    private static boolean isAll(String acks) {
        return "all".equals(acks) || "-1".equals(acks);
    }
}
