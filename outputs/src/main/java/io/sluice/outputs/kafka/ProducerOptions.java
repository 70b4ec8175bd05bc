package io.sluice.outputs.kafka;

import io.sluice.api.option.ClientOptionTypes;
import io.sluice.api.option.ClientPassThrough;
import io.sluice.api.option.OptionType;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.List;
import java.util.Map;

/**
 * Option types of the Kafka output checked against Kafka's own rules: the bootstrap address list
 * and the {@code producer:} pass-through map, whose keys and values are validated with the client's
 * config definitions, so a typo is a config error rather than a logged warning.
 */
final class ProducerOptions {
    private ProducerOptions() {}

    /** Keys Sluice sets itself; writing them under {@code producer:} would silently lose. */
    private static final Map<String, String> OWNED = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "set bootstrap_servers instead",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "Sluice writes keys as UTF-8 text",
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "Sluice writes values as schema v1 JSON",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "set compression instead",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "set delivery_timeout instead");

    static final OptionType<List<String>> BOOTSTRAP_SERVERS = ClientOptionTypes.serverList("kafka-1:9092");

    /** Checked with Kafka's own config definitions (names, types, ranges), without creating a producer. */
    static final OptionType<Map<String, String>> PRODUCER = new ClientPassThrough("Kafka producer setting",
            "https://kafka.apache.org/documentation/#producerconfigs", ProducerConfig::configNames, OWNED)
            .type(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class),
                    settings -> ProducerConfig.configDef().parse(settings), ConfigException.class);
}
