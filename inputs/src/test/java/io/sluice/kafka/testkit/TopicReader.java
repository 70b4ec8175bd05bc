package io.sluice.kafka.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An independent reader: a plain kafka-clients consumer, without a group, that reads every
 * partition of the matching topics from the beginning. It knows nothing of Sluice.
 */
public final class TopicReader {
    private TopicReader() {}

    /** Reads until {@code expected} records arrived and no more came for a second, or until the deadline. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaBroker broker, Predicate<String> topics,
                                                               int expected, Duration deadline) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> e : consumer.listTopics(Duration.ofSeconds(30)).entrySet()) {
                if (!topics.test(e.getKey())) continue;
                for (PartitionInfo p : e.getValue()) partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + deadline.toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < end) {
                int before = out.size();
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() != before) quietSince = System.nanoTime();
                if (out.size() >= expected && System.nanoTime() - quietSince > 1_000_000_000L) break;
            }
        }
        return out;
    }
}
