package io.sluice.inputs.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.option.ClientOptionTypes;
import io.sluice.api.option.ClientPassThrough;
import io.sluice.api.option.OptionException;
import io.sluice.api.option.OptionType;
import io.sluice.api.option.Types;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Option types of the Kafka input checked against Kafka's own rules: the bootstrap addresses, the
 * topic pattern, and the {@code consumer:} pass-through map, validated with the client's config
 * definitions so a typo is a config error.
 */
final class ConsumerOptions {
    private ConsumerOptions() {}

    /** Keys Sluice sets itself: offsets are committed by Sluice after delivery, never automatically. */
    private static final Map<String, String> OWNED = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "set bootstrap_servers instead",
            ConsumerConfig.GROUP_ID_CONFIG, "set group_id instead",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "set auto_offset_reset instead",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "Sluice commits offsets only once every sink has the records",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "Sluice reads record values as bytes",
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "Sluice reads record values as bytes");

    static final OptionType<List<String>> BOOTSTRAP_SERVERS = ClientOptionTypes.serverList("kafka-1:9092");

    /** Checked with Kafka's own config definitions (names, types, ranges), without creating a consumer. */
    static final OptionType<Map<String, String>> CONSUMER = new ClientPassThrough("Kafka consumer setting",
            "https://kafka.apache.org/documentation/#consumerconfigs", ConsumerConfig::configNames, OWNED)
            .type(Map.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class),
                    settings -> ConsumerConfig.configDef().parse(settings), ConfigException.class);

    /**
     * A regular expression over topic names, kept as its text (compiled by the settings) so option
     * values compare by value, as hot reload needs.
     */
    static final OptionType<String> PATTERN = new OptionType<>() {
        @Override
        public String describe() {
            return "regular expression over topic names";
        }

        @Override
        public String parse(JsonNode node) throws OptionException {
            String text = Types.STRING.parse(node);
            try {
                Pattern.compile(text);
                return text;
            } catch (PatternSyntaxException e) {
                throw new OptionException("'" + text + "' is not a regular expression: " + e.getDescription());
            }
        }
    };
}
