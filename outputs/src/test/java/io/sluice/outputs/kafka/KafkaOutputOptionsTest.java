package io.sluice.outputs.kafka;

import io.sluice.api.option.OptionProblem;
import io.sluice.api.option.OptionSpec;
import io.sluice.kafka.testkit.Configs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaOutputOptionsTest {
    private final OptionSpec spec = new KafkaOutputPlugin().options();

    @Test
    void anUnknownProducerSettingIsAConfigErrorNamingIt() {
        assertThat(problems(Map.of("producer", Map.of("lingr.ms", 5))))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("producer");
                    assertThat(p.message()).contains("'lingr.ms' is not a Kafka producer setting");
                });
    }

    @Test
    void aProducerSettingWithAWrongValueIsAConfigError() {
        assertThat(problems(Map.of("producer", Map.of("linger.ms", "soon"))))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("producer");
                    assertThat(p.message()).contains("linger.ms").contains("soon");
                });
    }

    @Test
    void settingsSluiceOwnsCannotBeSetUnderProducer() {
        assertThat(problems(Map.of("producer", Map.of("bootstrap.servers", "x:9092"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("set bootstrap_servers instead"));
    }

    @Test
    void aBootstrapAddressWithoutAPortIsAConfigError() {
        assertThat(problems(Map.of("bootstrap_servers", List.of("kafka-1:9092", "kafka-2"))))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("bootstrap_servers");
                    assertThat(p.message()).contains("'kafka-2' is not an address").contains("host:port");
                });
        assertThat(problems(Map.of("bootstrap_servers", List.of("kafka-1:ninety"))))
                .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("bootstrap_servers"));
        assertThat(problems(Map.of("bootstrap_servers", List.of())))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("at least one server"));
    }

    @Test
    void aTopicTemplateMustNameEventFieldsAndLegalCharacters() {
        assertThat(problems(Map.of("topic", "logs.{service.nam}")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("{service.nam} is not an event field"));
        assertThat(problems(Map.of("topic", "logs/{service.name}")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("'/'"));
        assertThat(problems(Map.of("topic", "logs.{service.name")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("not closed by '}'"));
        assertThat(problems(Map.of("fallback_topic", "logs.{service.name}")))
                .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("fallback_topic"));
    }

    @Test
    void producerDefaultsAreSafeAndTheUsersSettingsComeLast() {
        KafkaOutputSettings defaults = KafkaOutputSettings.from(Configs.bind(spec, block(Map.of())));
        assertThat(defaults.producerProperties("out")).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000L);

        KafkaOutputSettings custom = KafkaOutputSettings.from(Configs.bind(spec, block(Map.of(
                "compression", "lz4", "producer", Map.of("acks", "1", "linger.ms", "20")))));
        assertThat(custom.producerProperties("out")).containsEntry(ProducerConfig.ACKS_CONFIG, "1")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    @Test
    void equalConfigsGiveEqualOptionValuesSoHotReloadKeepsTheOutput() {
        Map<String, Object> block = block(Map.of("topic", "logs.{service.name}", "fallback_topic", "logs.other"));
        var first = Configs.bind(spec, block);
        var second = Configs.bind(spec, block);
        assertThat(first.get(KafkaOutputPlugin.TOPIC)).isEqualTo(second.get(KafkaOutputPlugin.TOPIC));
        assertThat(first.get(KafkaOutputPlugin.FALLBACK_TOPIC)).isEqualTo(second.get(KafkaOutputPlugin.FALLBACK_TOPIC));
    }

    private List<OptionProblem> problems(Map<String, Object> extra) {
        return Configs.problems(spec, block(extra)).problems();
    }

    private static Map<String, Object> block(Map<String, Object> extra) {
        Map<String, Object> block = new HashMap<>(Map.of("bootstrap_servers", List.of("127.0.0.1:9092"), "topic", "logs"));
        block.putAll(extra);
        return block;
    }
}
