package io.sluice.inputs.kafka;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.plugin.Input;
import io.sluice.api.schema.EventEncoder;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.core.testkit.TestBatches;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.kafka.testkit.KafkaBrokerExtension;
import io.sluice.kafka.testkit.TopicWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** format: auto tells schema v1 events, other JSON and plain text apart; long values are cut. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaInputFormatsTest {
    @TempDir
    Path dir;

    @Test
    void autoPassesSchemaV1OnParsesOtherJsonAndKeepsTextAndCutsLongValues(KafkaBroker broker) throws Exception {
        broker.createTopic("formats", 1);
        LogEvent upstream = TestBatches.event("billing", "from a collector", 41).level(Level.WARN);
        String v1 = new String(new EventEncoder().encode(upstream), StandardCharsets.UTF_8);
        List<String> values = List.of(v1, "{\"msg\":\"plain json\",\"level\":\"error\",\"user\":\"ann\"}",
                "just text", "x".repeat(3000));
        TopicWriter.write(broker, "formats", 0, values.size(), values::get);

        CollectingInputContext context = new CollectingInputContext("formats", dir);
        Input input = KafkaInputs.start(broker, context, Map.of("topics", List.of("formats"), "group_id", "formats",
                "max_record_bytes", "1KiB"));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> context.events().size() >= values.size());
        } finally {
            KafkaInputs.stop(input);
        }

        List<LogEvent> events = context.events();
        assertThat(new String(new EventEncoder().encode(events.get(0)), StandardCharsets.UTF_8)).isEqualTo(v1);
        assertThat(events.get(0).sequence()).isEqualTo(41);
        assertThat(events.get(1).message()).isEqualTo("plain json");
        assertThat(events.get(1).level()).isEqualTo(Level.ERROR);
        assertThat(events.get(1).inputType()).isEqualTo("kafka");
        assertThat(events.get(1).attributes().toJson()).isEqualTo("{\"user\":\"ann\"}");
        assertThat(events.get(2).message()).isEqualTo("just text");
        assertThat(events.get(3).message()).hasSize(1024);
        assertThat(events.get(3).tags()).contains(Tags.TRUNCATED);
    }
}
