package io.sluice.outputs.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.core.option.OptionException;
import io.sluice.core.option.OptionType;
import io.sluice.core.option.Types;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Option types of the Kafka output that are checked against Kafka's own rules: the bootstrap
 * address list and the {@code producer:} pass-through map, whose keys and values are validated with
 * the client's config definitions, so a typo is a config error rather than a logged warning.
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

    static final OptionType<List<String>> BOOTSTRAP_SERVERS = new OptionType<>() {
        @Override
        public String describe() {
            return "list of host:port";
        }

        @Override
        public List<String> parse(JsonNode node) throws OptionException {
            List<String> list = Types.STRING_LIST.parse(node);
            if (list.isEmpty()) throw new OptionException("name at least one broker, e.g. [\"kafka-1:9092\"]");
            for (String s : list) {
                InetSocketAddress a = Types.parseHostPort(s);
                if (a.getPort() == 0) throw new OptionException("'" + s + "' has port 0; Kafka brokers listen on a real port, e.g. 9092");
            }
            return list;
        }
    };

    static final OptionType<Map<String, String>> PRODUCER = new OptionType<>() {
        @Override
        public String describe() {
            return "map of Kafka producer settings";
        }

        @Override
        public Map<String, String> parse(JsonNode node) throws OptionException {
            Map<String, String> map = Types.STRING_MAP.parse(node);
            Set<String> known = ProducerConfig.configNames();
            for (String key : map.keySet()) {
                if (OWNED.containsKey(key)) throw new OptionException("'" + key + "' cannot be set here: " + OWNED.get(key));
                if (!known.contains(key)) {
                    throw new OptionException("'" + key + "' is not a Kafka producer setting (see https://kafka.apache.org/documentation/#producerconfigs)");
                }
            }
            Map<String, Object> probe = new HashMap<>(map);
            probe.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            probe.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            try {
                ProducerConfig.configDef().parse(probe);
            } catch (ConfigException e) {
                throw new OptionException(e.getMessage());
            }
            return map;
        }
    };
}
