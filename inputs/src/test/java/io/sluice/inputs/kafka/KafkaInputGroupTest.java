package io.sluice.inputs.kafka;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Input;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.kafka.testkit.KafkaBrokerExtension;
import io.sluice.kafka.testkit.TopicWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances in one consumer group share a topic's partitions; one stops and the other takes over. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaInputGroupTest {
    private static final String TOPIC = "group.shared";
    private static final int HALF = 15_000;

    @TempDir
    Path dir;

    @Test
    void twoInstancesShareTheTopicAndTheSurvivorTakesOverWithNothingLost(KafkaBroker broker) throws Exception {
        broker.createTopic(TOPIC, 6);
        Map<String, Object> options = Map.of("topics", List.of(TOPIC), "group_id", "aggregators");
        CollectingInputContext first = new CollectingInputContext("first", dir.resolve("first"));
        CollectingInputContext second = new CollectingInputContext("second", dir.resolve("second"));
        Input a = KafkaInputs.start(broker, first, options);
        Input b = KafkaInputs.start(broker, second, options);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> a.isReady() && b.isReady()
                    && open(first) > 0 && open(second) > 0 && open(first) + open(second) == 6);

            TopicWriter.write(broker, TOPIC, 0, HALF, i -> "{\"message\":\"record " + i + "\",\"level\":\"info\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> first.events().size() + second.events().size() >= HALF);
            assertThat(first.events()).as("the first instance had partitions").isNotEmpty();
            assertThat(second.events()).as("the second instance had partitions").isNotEmpty();

            KafkaInputs.stop(a);
            TopicWriter.write(broker, TOPIC, HALF, 2 * HALF, i -> "{\"message\":\"record " + i + "\",\"level\":\"info\"}");
            await().atMost(Duration.ofSeconds(90)).until(() -> messages(first, second).size() >= 2 * HALF);
        } finally {
            KafkaInputs.stop(a);
            KafkaInputs.stop(b);
        }

        Set<String> expected = new HashSet<>();
        IntStream.range(0, 2 * HALF).forEach(i -> expected.add("record " + i));
        assertThat(messages(first, second)).isEqualTo(expected);
        assertThat(first.events().size() + second.events().size()).as("no record delivered twice").isEqualTo(2 * HALF);
        // a rebalance may revoke and give back the survivor's own partitions (opened twice): count distinct ones
        assertThat(new HashSet<>(second.sourcesOpened())).as("the survivor took over all six partitions").hasSize(6);
        assertThat(first.sourcesClosed()).isEqualTo(first.sourcesOpened().size());
        assertThat(second.events()).allSatisfy(e -> assertThat(e.inputType()).isEqualTo("kafka"));
    }

    private static int open(CollectingInputContext c) {
        return c.sourcesOpened().size() - c.sourcesClosed();
    }

    private static Set<String> messages(CollectingInputContext... contexts) {
        Set<String> out = new HashSet<>();
        for (CollectingInputContext c : contexts) {
            for (LogEvent e : new ArrayList<>(c.events())) out.add(e.message());
        }
        return out;
    }
}
