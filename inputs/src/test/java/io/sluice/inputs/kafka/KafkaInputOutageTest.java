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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker goes away under a running input and comes back: the input carries on and commits. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaInputOutageTest {
    private static final int HALF = 5000;

    @TempDir
    Path dir;

    @Test
    void resumesAfterTheBrokerReturnsWithNothingLost(KafkaBroker broker) throws Exception {
        broker.createTopic("input.outage", 3);
        TopicWriter.write(broker, "input.outage", 0, HALF, i -> "line " + i);
        CollectingInputContext context = new CollectingInputContext("outage", dir);
        Input input = KafkaInputs.start(broker, context, Map.of("topics", List.of("input.outage"),
                "group_id", "outage", "format", "text"));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> context.events().size() >= HALF);
            broker.stop();
            Thread.sleep(10_000);
            broker.restart();
            TopicWriter.write(broker, "input.outage", HALF, 2 * HALF, i -> "line " + i);
            await().atMost(Duration.ofSeconds(90)).until(() -> messages(context).size() >= 2 * HALF);
            await().atMost(Duration.ofSeconds(60)).until(() -> broker.committedOffsets("outage") == 2 * HALF);
        } finally {
            if (!broker.isRunning()) broker.restart();
            KafkaInputs.stop(input);
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 2 * HALF; i++) expected.add("line " + i);
        assertThat(messages(context)).isEqualTo(expected);
    }

    private static Set<String> messages(CollectingInputContext context) {
        Set<String> out = new HashSet<>();
        for (LogEvent e : new ArrayList<>(context.events())) out.add(e.message());
        return out;
    }
}
