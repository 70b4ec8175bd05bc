package io.sluice.outputs.kafka;

import io.sluice.api.event.ContainerFields;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.SampleEvents;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.schema.EventEncoder;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.core.testkit.TestBatches;
import io.sluice.kafka.testkit.Configs;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.core.testkit.OutputContexts;
import io.sluice.kafka.testkit.KafkaBrokerExtension;
import io.sluice.inputs.kafka.KafkaInputPlugin;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The two-tier deployment: a collector's Kafka output feeds an aggregator's Kafka input; events pass unchanged. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaTiersTest {
    private static final int EVENTS = 2000;

    @TempDir
    Path dir;

    @Test
    void eventsWrittenByTheKafkaOutputComeOutOfTheKafkaInputUnchanged(KafkaBroker broker) throws Exception {
        broker.createTopic("tier.logs", 3);
        KafkaOutputPlugin plugin = new KafkaOutputPlugin();
        Output output = plugin.create("collector", Configs.bind(plugin.options(), Map.of(
                "bootstrap_servers", List.of(broker.bootstrapServers()), "topic", "tier.logs", "key", "kubernetes.pod.name")));
        output.start(OutputContexts.of("collector", dir));
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) events.add(event(i));
        // every schema field, the Kubernetes metadata and the transforms' attributes included
        events.add(SampleEvents.everyField());
        events.add(SampleEvents.kubernetesSuppliesTheContainerId());
        SinkBatch batch = TestBatches.of(events);
        Set<String> written = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) written.add(batch.json(i));
        try {
            assertThat(output.send(batch).allDelivered()).isTrue();
        } finally {
            output.close();
        }

        CollectingInputContext aggregator = new CollectingInputContext("upstream", dir.resolve("in"));
        KafkaInputPlugin inputPlugin = new KafkaInputPlugin();
        Input input = inputPlugin.create("upstream", Configs.bind(inputPlugin.options(), Map.of(
                "bootstrap_servers", List.of(broker.bootstrapServers()), "topics", List.of("tier.logs"),
                "group_id", "aggregators-tier", "format", "schema", "commit_interval", "100ms")));
        input.start(aggregator);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> aggregator.events().size() >= events.size());
        } finally {
            input.stop();
            assertThat(input.awaitStop(Duration.ofSeconds(30))).as("the Kafka input stopped").isTrue();
        }

        EventEncoder encoder = new EventEncoder();
        Set<String> read = new HashSet<>();
        for (LogEvent e : aggregator.events()) read.add(new String(encoder.encode(e), StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(written);
        assertThat(aggregator.events()).allSatisfy(e -> assertThat(e.inputId()).isEqualTo("upstream"));
    }

    private static LogEvent event(int i) {
        LogEvent e = TestBatches.event("svc-" + (i % 3), "message " + i + " \"quoted\" é", i)
                .level(i % 5 == 0 ? Level.ERROR : Level.INFO).traceId(String.format("%032x", i + 1))
                .container(new ContainerFields(null, null, null, "prod", "pod-" + (i % 7), null, "app"))
                .labels(Map.of("cluster", "eu"));
        e.attributesOrCreate().putLong("n", i);
        return e;
    }
}
