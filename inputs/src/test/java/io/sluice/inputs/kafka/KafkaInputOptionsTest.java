package io.sluice.inputs.kafka;

import io.sluice.api.option.OptionProblem;
import io.sluice.api.option.OptionSpec;
import io.sluice.kafka.testkit.Configs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaInputOptionsTest {
    private final KafkaInputPlugin plugin = new KafkaInputPlugin();
    private final OptionSpec spec = plugin.options();

    @Test
    void anUnknownConsumerSettingIsAConfigErrorNamingIt() {
        assertThat(problems(Map.of("consumer", Map.of("fetch.max.byte", "1")))).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("consumer");
            assertThat(p.message()).contains("'fetch.max.byte' is not a Kafka consumer setting");
        });
    }

    @Test
    void autoCommitCannotBeTurnedOn() {
        assertThat(problems(Map.of("consumer", Map.of("enable.auto.commit", "true")))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("only once every sink has the records"));
    }

    @Test
    void badAddressesPatternsAndFormatsAreConfigErrors() {
        assertThat(problems(Map.of("bootstrap_servers", List.of("kafka-1")))).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("bootstrap_servers"));
        assertThat(problems(Map.of("topic_pattern", "logs.("))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a regular expression"));
        assertThat(problems(Map.of("format", "xml"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("found 'xml'").contains("auto").contains("schema")
                        .contains("json").contains("text"));
    }

    @Test
    void topicsAndTopicPatternAreExclusive() {
        assertThat(problems(Map.of("topic_pattern", "logs\\..*"))).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("topic_pattern");
            assertThat(p.message()).isEqualTo("set exactly one of topics, topic_pattern");
        });
        Map<String, Object> neither = block(Map.of());
        neither.remove("topics");
        assertThat(Configs.problems(spec, neither).problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("topics", "set exactly one of topics, topic_pattern"));
        assertThat(problems(Map.of("topics", List.of()))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("must name at least one topic"));
    }

    @Test
    void offsetsAreNeverCommittedAutomatically() {
        KafkaInputSettings settings = KafkaInputSettings.from(Configs.bind(spec, block(Map.of())));
        assertThat(settings.consumerProperties("in"))
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g");
    }

    private List<OptionProblem> problems(Map<String, Object> extra) {
        return Configs.problems(spec, block(extra)).problems();
    }

    private static Map<String, Object> block(Map<String, Object> extra) {
        Map<String, Object> block = new HashMap<>(Map.of("bootstrap_servers", List.of("127.0.0.1:9092"),
                "topics", List.of("logs"), "group_id", "g"));
        block.putAll(extra);
        return block;
    }
}
