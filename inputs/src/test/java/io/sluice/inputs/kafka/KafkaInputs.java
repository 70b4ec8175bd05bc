package io.sluice.inputs.kafka;

import io.sluice.api.plugin.Input;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.kafka.testkit.Configs;
import io.sluice.kafka.testkit.KafkaBroker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts and stops Kafka inputs for tests, each with its own {@link CollectingInputContext}. */
final class KafkaInputs {
    private KafkaInputs() {}

    static Input start(KafkaBroker broker, CollectingInputContext context, Map<String, Object> options) throws Exception {
        Input input = create(broker, context, options);
        input.start(context);
        return input;
    }

    /** Built but not started, for tests that tune it first. */
    static KafkaInput create(KafkaBroker broker, CollectingInputContext context, Map<String, Object> options) {
        Map<String, Object> block = new HashMap<>(options);
        block.put("bootstrap_servers", List.of(broker.bootstrapServers()));
        block.putIfAbsent("commit_interval", "100ms");
        KafkaInputPlugin plugin = new KafkaInputPlugin();
        return (KafkaInput) plugin.create(context.inputId(), Configs.bind(plugin.options(), block));
    }

    static void stop(Input input) throws InterruptedException {
        input.stop();
        if (!input.awaitStop(Duration.ofSeconds(30))) throw new AssertionError("the Kafka input did not stop within 30s");
    }
}
