package io.sluice.outputs.kafka;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.core.testkit.TestBatches;
import io.sluice.kafka.testkit.Configs;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.core.testkit.OutputContexts;
import io.sluice.kafka.testkit.KafkaBrokerExtension;
import io.sluice.kafka.testkit.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaOutputTest {
    private static final int EVENTS = 100_000;
    private static final String[] SERVICES = {"checkout", "payments", "search", "web frontend"};

    @TempDir
    Path dir;

    @Test
    void writesEveryEventToItsTopicWithItsKeyAndTheSchemaHeader(KafkaBroker broker) throws Exception {
        Output output = output(broker, Map.of("topic", "load.{service.name}", "key", "trace.id"));
        Map<String, String> topicByKey = new HashMap<>();
        Map<String, String> jsonByKey = new HashMap<>();
        try {
            for (int start = 0; start < EVENTS; start += 1000) {
                List<LogEvent> events = new ArrayList<>();
                for (int i = start; i < start + 1000; i++) {
                    String service = SERVICES[i % SERVICES.length];
                    events.add(TestBatches.event(service, "event " + i, i).traceId(String.format("%032x", i)));
                }
                SinkBatch batch = TestBatches.of(events);
                for (int i = 0; i < batch.size(); i++) {
                    String key = batch.event(i).traceId();
                    topicByKey.put(key, "load." + batch.event(i).serviceName().replace(' ', '_'));
                    jsonByKey.put(key, batch.json(i));
                }
                assertThat(output.send(batch).allDelivered()).isTrue();
            }
        } finally {
            output.close();
        }

        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(broker, t -> t.startsWith("load."),
                EVENTS, Duration.ofSeconds(90));

        assertThat(records).hasSize(EVENTS);
        Map<String, Integer> seen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            seen.merge(key, 1, Integer::sum);
            assertThat(r.topic()).isEqualTo(topicByKey.get(key));
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(jsonByKey.get(key));
            assertThat(r.headers().lastHeader(KafkaOutput.SCHEMA_HEADER).value()).asString(StandardCharsets.UTF_8).isEqualTo("1");
        }
        assertThat(seen).hasSize(EVENTS).allSatisfy((k, n) -> assertThat(n).as("copies of %s", k).isEqualTo(1));
        assertThat(topicByKey.values()).containsOnly("load.checkout", "load.payments", "load.search", "load.web_frontend");
    }

    @Test
    void refusesARecordTooLargeForTheTopicAndDeliversTheRest(KafkaBroker broker) throws Exception {
        // Above the producer's batch size, as on real brokers, so the producer can split a refused batch
        // and learn which record is too large.
        broker.createTopic("small-records", 1, Map.of("max.message.bytes", "300000"));
        Output output = output(broker, Map.of("topic", "small-records"));
        List<LogEvent> events = List.of(TestBatches.event("app", "small before", 1),
                TestBatches.event("app", randomText(600_000), 2), TestBatches.event("app", "small after", 3));
        SendResult result;
        try {
            result = output.send(TestBatches.of(events));
        } finally {
            output.close();
        }

        assertThat(result.toRetry().isEmpty()).isTrue();
        assertThat(result.refused()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.type()).isEqualTo("kafka_record_too_large");
            assertThat(r.reason()).isNotBlank();
        });
        List<String> messages = TopicReader.readAll(broker, "small-records"::equals, 2, Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).contains("\"small before\"");
        assertThat(messages.get(1)).contains("\"small after\"");
    }

    @Test
    void sendsEventsWithoutTheTopicFieldToTheFallbackTopicOrRefusesThem(KafkaBroker broker) throws Exception {
        Output withFallback = output(broker, Map.of("topic", "teams.{labels.team}", "fallback_topic", "teams.none"));
        Output without = output(broker, Map.of("topic", "teams.{labels.team}"));
        LogEvent labelled = TestBatches.event("app", "labelled", 1).labels(Map.of("team", "core"));
        LogEvent bare = TestBatches.event("app", "bare", 2);
        SendResult second;
        try {
            assertThat(withFallback.send(TestBatches.of(List.of(labelled, bare))).allDelivered()).isTrue();
            second = without.send(TestBatches.of(List.of(bare)));
        } finally {
            withFallback.close();
            without.close();
        }

        assertThat(second.refused()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("kafka_no_topic");
            assertThat(r.reason()).contains("labels.team").contains("fallback_topic");
        });
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(broker, t -> t.startsWith("teams."), 2,
                Duration.ofSeconds(30));
        Map<String, String> topicByMessage = new HashMap<>();
        records.forEach(r -> topicByMessage.put(new String(r.value(), StandardCharsets.UTF_8).contains("\"labelled\"")
                ? "labelled" : "bare", r.topic()));
        assertThat(topicByMessage).containsExactlyInAnyOrderEntriesOf(Map.of("labelled", "teams.core", "bare", "teams.none"));
    }

    private Output output(KafkaBroker broker, Map<String, Object> extra) throws Exception {
        Map<String, Object> block = new HashMap<>(extra);
        block.put("bootstrap_servers", List.of(broker.bootstrapServers()));
        KafkaOutputPlugin plugin = new KafkaOutputPlugin();
        Output output = plugin.create("kafka-test", Configs.bind(plugin.options(), block));
        output.start(OutputContexts.of("kafka-test", dir));
        return output;
    }

    /** Letters that do not compress much, so the record stays large after zstd. */
    private static String randomText(int length) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append((char) ('!' + random.nextInt(90)));
        return sb.toString();
    }
}
