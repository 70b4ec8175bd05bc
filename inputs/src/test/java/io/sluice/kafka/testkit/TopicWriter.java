package io.sluice.kafka.testkit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Writes test records with a plain kafka-clients producer, keyed by their number. */
public final class TopicWriter {
    private TopicWriter() {}

    /** Writes records {@code from} (inclusive) to {@code to} (exclusive) and waits until the broker has them all. */
    public static void write(KafkaBroker broker, String topic, int from, int to, IntFunction<String> value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = from; i < to; i++) sent.add(producer.send(new ProducerRecord<>(topic, Integer.toString(i), value.apply(i))));
            producer.flush();
            for (Future<RecordMetadata> f : sent) f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }
}
