package io.sluice.inputs.kafka;

import io.sluice.api.option.Options;
import io.sluice.api.schema.RecordFormats;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The Kafka input's validated settings and the consumer properties made from them. */
record KafkaInputSettings(String bootstrapServers, List<String> topics, Pattern topicPattern, String groupId,
                          String autoOffsetReset, String format, int maxRecordBytes, Duration commitInterval,
                          Map<String, String> consumer, String timezone) {

    /** From options bound by the plugin's spec, whose rule leaves exactly one of topics and topic_pattern. */
    static KafkaInputSettings from(Options o) {
        List<String> topics = o.get(KafkaInputPlugin.TOPICS);
        String patternText = o.get(KafkaInputPlugin.TOPIC_PATTERN);
        Pattern pattern = patternText == null ? null : Pattern.compile(patternText);
        return new KafkaInputSettings(String.join(",", o.get(KafkaInputPlugin.BOOTSTRAP_SERVERS)), topics, pattern,
                o.get(KafkaInputPlugin.GROUP_ID), o.get(KafkaInputPlugin.AUTO_OFFSET_RESET), o.get(KafkaInputPlugin.FORMAT),
                (int) (long) o.get(KafkaInputPlugin.MAX_RECORD_BYTES), o.get(KafkaInputPlugin.COMMIT_INTERVAL),
                o.get(KafkaInputPlugin.CONSUMER), o.get(RecordFormats.TIMEZONE));
    }

    Map<String, Object> consumerProperties(String inputId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-" + inputId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Cooperative rebalancing: a member joining or leaving moves only the partitions that change owner.
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        p.putAll(consumer);
        return p;
    }
}
