package io.sluice.outputs.kafka;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.FieldPaths;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.schema.SchemaV1;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteBufferSerializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * Writes each event's already-encoded JSON as one record, keyed and routed to a topic by event
 * fields, with the schema version in a header. {@link #send} returns only once the broker has
 * answered for every record: success in a record's callback is what makes it delivered.
 */
final class KafkaOutput implements Output {
    /** Header naming the schema of the record value, so consumers can tell v1 from a later major version. */
    static final String SCHEMA_HEADER = "sluice.schema.version";
    private static final Header SCHEMA = new RecordHeader(SCHEMA_HEADER, SchemaV1.VERSION.getBytes(StandardCharsets.UTF_8));

    private final String id;
    private final KafkaOutputSettings settings;
    private final Function<LogEvent, String> key;
    private KafkaProducer<byte[], ByteBuffer> producer;

    KafkaOutput(String id, KafkaOutputSettings settings) {
        this.id = id;
        this.settings = settings;
        this.key = settings.key() == null ? null : FieldPaths.reader(settings.key());
    }

    @Override
    public void start(OutputContext context) throws Exception {
        try {
            producer = new KafkaProducer<>(settings.producerProperties(id), new ByteArraySerializer(), new ByteBufferSerializer());
        } catch (ConfigException e) {
            // The only config problems left after validation are brokers whose names do not resolve yet.
            throw new RetriableException("Kafka output '" + id + "': " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new RetriableException("Kafka output '" + id + "' could not create its producer: " + e.getMessage(), e);
        }
    }

    @Override
    public SendResult send(SinkBatch batch) throws Exception {
        int n = batch.size();
        Deliveries deliveries = new Deliveries(n);
        for (int i = 0; i < n; i++) {
            LogEvent event = batch.event(i);
            String topic = topicFor(event);
            if (topic == null) {
                deliveries.refuse(i, "the event has no value for " + settings.topic().paths() + " in topic '"
                        + settings.topic() + "' and no fallback_topic is set");
                continue;
            }
            ProducerRecord<byte[], ByteBuffer> record = new ProducerRecord<>(topic, null, keyOf(event),
                    // slice(): the serializer rewinds the buffer, and events of a batch share one array
                    ByteBuffer.wrap(batch.jsonArray(i), batch.jsonOffset(i), batch.jsonLength(i)).slice(),
                    new RecordHeaders(new Header[] {SCHEMA}));
            try {
                producer.send(record, deliveries.callback(i));
            } catch (KafkaException e) {
                deliveries.failed(i, e);
            }
            if (deliveries.failedRetriably(i)) {
                // send() itself waited max.block.ms for metadata: the broker is away. Waiting as long
                // again for every further record would hold the batch for minutes; hand them back.
                for (int j = i + 1; j < n; j++) deliveries.skip(j);
                break;
            }
        }
        // Completes the open producer batches at once instead of after linger.ms; returns when every
        // record has been acknowledged or has failed (bounded by delivery.timeout.ms).
        producer.flush();
        boolean complete = deliveries.await(settings.deliveryTimeout().plusSeconds(10));
        // a KafkaAccessDeniedException is permanent: the sink runner logs it once, not this class per probe
        return deliveries.result(id, complete);
    }

    private String topicFor(LogEvent event) {
        String topic = settings.topic().render(event);
        if (topic == null && settings.fallbackTopic() != null) topic = settings.fallbackTopic().toString();
        return topic;
    }

    private byte[] keyOf(LogEvent event) {
        if (key == null) return null;
        String value = key.apply(event);
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (producer != null) producer.close(Duration.ofSeconds(10));
    }
}
