package io.sluice.outputs.kafka;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.core.testkit.TestBatches;
import io.sluice.kafka.testkit.Configs;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.core.testkit.OutputContexts;
import io.sluice.kafka.testkit.KafkaBrokerExtension;
import io.sluice.kafka.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker goes away for 20 seconds in the middle of a run and comes back: nothing is lost. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaOutputOutageTest {
    private static final int BATCHES = 30;
    private static final int BATCH = 500;

    @TempDir
    Path dir;

    @Test
    void deliversEveryEventAcrossABrokerOutage(KafkaBroker broker) throws Exception {
        broker.createTopic("outage", 3);
        KafkaOutputPlugin plugin = new KafkaOutputPlugin();
        Output output = plugin.create("outage", Configs.bind(plugin.options(), Map.of(
                "bootstrap_servers", List.of(broker.bootstrapServers()), "topic", "outage", "delivery_timeout", "5s")));
        output.start(OutputContexts.of("outage", dir));
        RetryingSender sender = new RetryingSender(output);
        CountDownLatch midRun = new CountDownLatch(1);
        CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
            try {
                midRun.await();
                broker.stop();
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                restart(broker);
            }
        });

        try {
            for (int b = 0; b < BATCHES; b++) {
                if (b == BATCHES / 3) midRun.countDown();
                List<LogEvent> events = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) events.add(TestBatches.event("app", "outage " + (b * BATCH + i), b * BATCH + i));
                sender.deliver(events, Duration.ofMinutes(2));
            }
        } finally {
            midRun.countDown();
            outage.get(2, TimeUnit.MINUTES);
            output.close();
        }

        Set<String> messages = new HashSet<>();
        TopicReader.readAll(broker, "outage"::equals, BATCHES * BATCH, Duration.ofSeconds(60))
                .forEach(r -> messages.add(message(new String(r.value(), StandardCharsets.UTF_8))));
        assertThat(sender.retriableFailures()).as("the sink noticed the outage").isPositive();
        assertThat(sender.refused()).isEmpty();
        assertThat(messages).hasSize(BATCHES * BATCH);
    }

    private static void restart(KafkaBroker broker) {
        try {
            broker.restart();
        } catch (Exception e) {
            throw new IllegalStateException("could not restart the broker", e);
        }
    }

    private static String message(String json) {
        int start = json.indexOf("\"message\":\"") + "\"message\":\"".length();
        return json.substring(start, json.indexOf('"', start));
    }
}
