package io.sluice.inputs.kafka;

import io.micrometer.core.instrument.Gauge;
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

/** The lag gauge counts the records of the assigned partitions that sinks have not acknowledged. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaInputLagTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    Path dir;

    private static double lag(CollectingInputContext ctx) {
        Gauge g = ctx.meters().find("sluice.input.kafka.lag.records").tag("input", ctx.inputId()).gauge();
        assertThat(g).as("lag gauge").isNotNull();
        return g.value();
    }

    @Test
    void lagIsTheBacklogAndDropsToZeroOnceAcknowledged(KafkaBroker broker) throws Exception {
        broker.createTopic("lag.backlog", 1);
        TopicWriter.write(broker, "lag.backlog", 0, 3000, i -> "line " + i);
        CollectingInputContext ctx = new CollectingInputContext("lagging", dir.resolve("lagging"));
        ctx.capacity(false);
        ctx.holdAcks(true);
        KafkaInput input = KafkaInputs.create(broker, ctx, Map.of("topics", List.of("lag.backlog"), "group_id", "lag",
                "format", "text", "consumer", Map.of("max.poll.records", "100")));
        input.lagInterval(Duration.ofMillis(200));
        input.start(ctx);
        try {
            // paused after the first records: nothing is acknowledged, so the whole topic is owed
            await().atMost(WAIT).until(() -> !ctx.events().isEmpty() && lag(ctx) == 3000);
            assertThat(ctx.events().size()).isLessThan(3000);

            ctx.holdAcks(false);
            ctx.capacity(true);
            await().atMost(WAIT).until(() -> ctx.events().size() == 3000);
            await().atMost(WAIT).until(() -> lag(ctx) == 0);

            // while fetching (not paused), read but unacknowledged records count too
            ctx.holdAcks(true);
            TopicWriter.write(broker, "lag.backlog", 3000, 3300, i -> "line " + i);
            await().atMost(WAIT).until(() -> ctx.events().size() == 3300);
            await().atMost(WAIT).until(() -> lag(ctx) == 300);
        } finally {
            KafkaInputs.stop(input);
        }
    }
}
