package io.sluice.inputs.kafka;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputPlugin;

import io.sluice.api.schema.RecordFormats;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code type: kafka}: consumes topics as a member of a consumer group, one ordered source per
 * partition, committing offsets only for records every sink has taken.
 */
public final class KafkaInputPlugin implements InputPlugin {

    static final Option<List<String>> BOOTSTRAP_SERVERS = Option.of("bootstrap_servers", ConsumerOptions.BOOTSTRAP_SERVERS)
            .required().doc("brokers to connect to first, as host:port, e.g. [\"kafka-1:9092\"]").build();
    static final Option<List<String>> TOPICS = Option.of("topics", Types.STRING_LIST)
            .check(t -> !t.isEmpty(), "must name at least one topic").doc("the topics to read; set this or topic_pattern").build();
    static final Option<String> TOPIC_PATTERN = Option.of("topic_pattern", ConsumerOptions.PATTERN)
            .doc("read every topic whose name matches this regular expression (new topics are picked up); set this or topics").build();
    static final Option<String> GROUP_ID = Option.of("group_id", Types.STRING)
            .required().check(s -> !s.isBlank(), "must not be empty")
            .doc("the consumer group; instances with the same group share the partitions").build();
    static final Option<String> AUTO_OFFSET_RESET = Option.of("auto_offset_reset", Types.oneOf("earliest", "latest"))
            .defaultValue("earliest").doc("where a group with no committed offset starts: earliest (lose nothing) or latest").build();
    static final Option<String> FORMAT = Formats.KAFKA.option("auto");
    static final Option<Long> MAX_RECORD_BYTES = Option.of("max_record_bytes", Types.BYTE_SIZE)
            .defaultValue(1024L * 1024).check(v -> v >= 1024 && v <= Integer.MAX_VALUE, "must be 1KiB to 2GiB")
            .doc("longer record values are cut here and tagged truncated").build();
    static final Option<Duration> COMMIT_INTERVAL = Option.of("commit_interval", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(1)).check(d -> d.toMillis() >= 10, "must be at least 10ms")
            .doc("how often acknowledged offsets are committed").build();
    static final Option<Map<String, String>> CONSUMER = Option.of("consumer", ConsumerOptions.CONSUMER)
            .defaultValue(Map.of()).doc("Kafka consumer settings passed through as they are (SASL, SSL, fetch sizes, timeouts)").build();

    private static final OptionSpec SPEC = OptionSpec.of("kafka input", "reads Kafka topics as a consumer group",
            BOOTSTRAP_SERVERS, TOPICS, TOPIC_PATTERN, GROUP_ID, AUTO_OFFSET_RESET, FORMAT, RecordFormats.TIMEZONE, MAX_RECORD_BYTES,
            COMMIT_INTERVAL, CONSUMER)
            .rule(OptionRule.exactlyOneOf(TOPICS, TOPIC_PATTERN));

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Input create(String id, Options options) {
        return new KafkaInput(id, KafkaInputSettings.from(options));
    }
}
