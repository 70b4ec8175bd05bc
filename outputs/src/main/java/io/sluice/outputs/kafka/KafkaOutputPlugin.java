package io.sluice.outputs.kafka;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionException;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.OptionType;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.event.FieldPaths;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code type: kafka}: writes each event's schema v1 JSON as one Kafka record. */
public final class KafkaOutputPlugin implements OutputPlugin {

    static final Option<List<String>> BOOTSTRAP_SERVERS = Option.of("bootstrap_servers", ProducerOptions.BOOTSTRAP_SERVERS)
            .required().doc("brokers to connect to first, as host:port, e.g. [\"kafka-1:9092\", \"kafka-2:9092\"]").build();
    static final Option<TopicTemplate> TOPIC = Option.of("topic", template(true))
            .required().doc("the topic, with event fields in braces, e.g. logs.{service.name}; characters Kafka does"
                    + " not allow in a field's value become '_'").build();
    static final Option<TopicTemplate> FALLBACK_TOPIC = Option.of("fallback_topic", template(false))
            .doc("the topic for events that lack a field the topic names; without it such events go to the dead letter").build();
    static final Option<String> KEY = Option.of("key", Types.STRING)
            .check(FieldPaths::isKnown, "must be an event field such as trace.id, service.name or kubernetes.pod.name")
            .doc("the event field whose value is the record key (records with equal keys keep their order);"
                    + " without it records have no key and spread over partitions").build();
    static final Option<String> COMPRESSION = Option.of("compression", Types.oneOf("zstd", "lz4", "gzip", "snappy", "none"))
            .defaultValue("zstd").doc("compression of record batches").build();
    static final Option<Duration> DELIVERY_TIMEOUT = Option.of("delivery_timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(30)).check(d -> d.toMillis() >= 1000, "must be at least 1s")
            .doc("how long the producer keeps trying to deliver a batch (and at most waits for a broker) before it"
                    + " hands the events back to Sluice's retries").build();
    static final Option<Map<String, String>> PRODUCER = Option.of("producer", ProducerOptions.PRODUCER)
            .defaultValue(Map.of()).doc("Kafka producer settings passed through as they are (SASL, SSL, timeouts,"
                    + " batch.size...); Sluice's defaults are acks=all and enable.idempotence=true").build();

    private static final OptionSpec SPEC = OptionSpec.of("kafka output", "writes events to Kafka topics",
            BOOTSTRAP_SERVERS, TOPIC, FALLBACK_TOPIC, KEY, COMPRESSION, DELIVERY_TIMEOUT, PRODUCER);

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Output create(String id, Options options) {
        return new KafkaOutput(id, KafkaOutputSettings.from(options));
    }

    private static OptionType<TopicTemplate> template(boolean fieldsAllowed) {
        return Types.text(fieldsAllowed ? "topic template, e.g. logs.{service.name}" : "topic name", text -> {
            TopicTemplate t = TopicTemplate.parse(text);
            if (!fieldsAllowed && !t.isConstant()) throw new OptionException("must be a plain topic name, without {fields}");
            return t;
        });
    }
}
