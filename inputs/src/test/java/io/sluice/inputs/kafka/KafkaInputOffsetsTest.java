package io.sluice.inputs.kafka;

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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Offsets follow the pipeline's acknowledgements, not what was read. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaInputOffsetsTest {
    @TempDir
    Path dir;

    @Test
    void commitsOnlyAcknowledgedRecordsSoUnacknowledgedOnesAreReadAgain(KafkaBroker broker) throws Exception {
        broker.createTopic("offsets.acked", 2);
        TopicWriter.write(broker, "offsets.acked", 0, 200, i -> "line " + i);
        Map<String, Object> options = Map.of("topics", List.of("offsets.acked"), "group_id", "acked", "format", "text");

        CollectingInputContext held = new CollectingInputContext("held", dir.resolve("held"));
        held.holdAcks(true);
        Input first = KafkaInputs.start(broker, held, options);
        await().atMost(Duration.ofSeconds(60)).until(() -> held.events().size() == 200);
        KafkaInputs.stop(first);
        assertThat(broker.committedOffsets("acked")).as("nothing was acknowledged, nothing committed").isZero();

        CollectingInputContext acking = new CollectingInputContext("acking", dir.resolve("acking"));
        Input second = KafkaInputs.start(broker, acking, options);
        await().atMost(Duration.ofSeconds(60)).until(() -> acking.events().size() == 200);
        KafkaInputs.stop(second);
        assertThat(broker.committedOffsets("acked")).isEqualTo(200);

        TopicWriter.write(broker, "offsets.acked", 200, 250, i -> "line " + i);
        CollectingInputContext third = new CollectingInputContext("third", dir.resolve("third"));
        Input last = KafkaInputs.start(broker, third, options);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> third.events().size() >= 50);
        } finally {
            KafkaInputs.stop(last);
        }
        assertThat(third.events()).extracting(e -> e.message()).hasSize(50).allMatch(m -> Integer.parseInt(m.substring(5)) >= 200);
    }

    @Test
    void pausesWhileThePipelineIsFullAndResumesWhenItHasRoom(KafkaBroker broker) throws Exception {
        broker.createTopic("offsets.paused", 1);
        TopicWriter.write(broker, "offsets.paused", 0, 5000, i -> "line " + i);
        CollectingInputContext context = new CollectingInputContext("paused", dir.resolve("paused"));
        context.capacity(false);
        Input input = KafkaInputs.start(broker, context, Map.of("topics", List.of("offsets.paused"), "group_id", "paused",
                "format", "text", "consumer", Map.of("max.poll.records", "100")));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !context.events().isEmpty());
            // Paused after the first poll's records: the input keeps polling but takes no more.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> context.events().size() <= 100);
            context.capacity(true);
            await().atMost(Duration.ofSeconds(60)).until(() -> context.events().size() == 5000);
        } finally {
            KafkaInputs.stop(input);
        }
    }
}
