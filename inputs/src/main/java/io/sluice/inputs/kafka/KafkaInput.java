package io.sluice.inputs.kafka;

import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes on one thread: polls, frames each record value into its partition's source, pauses a
 * partition whose source has no capacity (polling on, so the group does not drop us), and commits,
 * per partition and in order, only offsets the pipeline has acknowledged. On rebalance it commits
 * what was acknowledged for the partitions it gives up and closes their sources; whatever was not
 * acknowledged is read again by the next owner, so nothing is lost.
 */
final class KafkaInput implements Input {
    private static final Logger log = LoggerFactory.getLogger(KafkaInput.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long giving up partitions waits for records in flight to be acknowledged, to avoid re-reading them. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Duration CLOSE = Duration.ofSeconds(10);
    /** How often the lag gauge is recomputed: often enough for alerts, rarely enough to cost no throughput. */
    static final Duration LAG_INTERVAL = Duration.ofSeconds(5);

    private final String id;
    private final KafkaInputSettings settings;
    private final Map<TopicPartition, PartitionStream> streams = new HashMap<>();
    private InputContext context;
    private RecordDecoder.Factory decoder;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private volatile boolean stopping;
    private volatile boolean ready;
    private long lastCommit;
    private Duration lagInterval = LAG_INTERVAL;
    private LagMeter lag;

    KafkaInput(String id, KafkaInputSettings settings) {
        this.id = id;
        this.settings = settings;
    }

    /** For tests: recompute the lag more often than {@link #LAG_INTERVAL}. Call before start. */
    void lagInterval(Duration interval) {
        this.lagInterval = interval;
    }

    @Override
    public void start(InputContext context) {
        this.context = context;
        this.lag = new LagMeter(context.meters(), context.inputId(), lagInterval);
        this.decoder = Formats.KAFKA.decoders(settings.format(), context.decodeOptions().inZone(settings.timezone()));
        this.consumer = new KafkaConsumer<>(settings.consumerProperties(id), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "kafka-input-" + id);
        thread.start();
    }

    @Override
    public void stop() {
        stopping = true;
        if (consumer != null) consumer.wakeup();
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        if (thread == null) return true;
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public java.util.List<byte[]> warmUpRecords() {
        return io.sluice.api.warmup.SampleRecords.forFormat(settings.format());
    }

    /** {@code sluice test}: fixture records are decoded as record values of this input's {@code format}. */
    @Override
    public SourceSpec fixtureSource(InputContext context) {
        return SourceSpec.of("kafka fixture", "kafka", Formats.KAFKA.decoders(settings.format(), context.decodeOptions().inZone(settings.timezone())));
    }

    private void run() {
        try {
            Rebalance listener = new Rebalance();
            if (settings.topicPattern() != null) consumer.subscribe(settings.topicPattern(), listener);
            else consumer.subscribe(settings.topics(), listener);
            while (!stopping) pollOnce();
        } finally {
            shutdown();
        }
    }

    private void pollOnce() {
        try {
            resumeWhereThereIsCapacity();
            var records = consumer.poll(POLL);
            ready = true;
            for (TopicPartition tp : records.partitions()) publish(tp, records.records(tp));
            if (System.nanoTime() - lastCommit >= settings.commitInterval().toNanos()) commitAsync();
            lag.update(consumer, streams);
        } catch (WakeupException e) {
            // stop() woke us; the loop condition ends the thread
        } catch (AuthorizationException | AuthenticationException e) {
            ready = false;
            log.error("Kafka input '{}' was denied access by the broker: {}. Grant the consumer's principal READ on the"
                    + " topics and the group '{}', or fix the sasl.*/ssl.* settings under consumer:",
                    id, e.getMessage(), settings.groupId());
            sleep(Duration.ofSeconds(5));
        } catch (KafkaException e) {
            ready = false;
            log.warn("Kafka input '{}': {}; polling again", id, e.toString());
            sleep(Duration.ofSeconds(1));
        }
    }

    private void publish(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
        PartitionStream stream = streams.get(tp);
        if (stream == null) return; // revoked inside this poll; the next owner reads these
        RawBatch batch = stream.source().newBatch();
        int max = settings.maxRecordBytes();
        long position = -1;
        if (!records.isEmpty()) stream.read(records.get(0).offset());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byte[] value = r.value();
            if (value == null) continue; // a tombstone carries no event; its offset is committed with the next record
            position = r.offset() + 1;
            int len = Math.min(value.length, max);
            batch.add(value, 0, len, len < value.length ? RawBatch.TRUNCATED : 0, position);
            if (batch.isFull()) {
                stream.source().publish(batch);
                batch = stream.source().newBatch();
            }
        }
        stream.source().publish(batch);
        if (position >= 0) stream.published(position);
        if (!stream.source().hasCapacity()) {
            consumer.pause(List.of(tp));
            stream.paused(true);
        }
    }

    private void resumeWhereThereIsCapacity() {
        for (PartitionStream s : streams.values()) {
            if (s.paused() && s.source().hasCapacity()) {
                consumer.resume(List.of(s.partition()));
                s.paused(false);
            }
        }
    }

    private void commitAsync() {
        lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = acknowledged(streams.values());
        if (offsets.isEmpty()) return;
        consumer.commitAsync(offsets, (done, error) -> {
            if (error == null) return;
            log.warn("Kafka input '{}': committing offsets failed ({}); will retry", id, error.toString());
            done.forEach((tp, o) -> {
                PartitionStream s = streams.get(tp);
                if (s != null) s.commitFailed(o.offset());
            });
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> acknowledged(Collection<PartitionStream> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionStream s : of) {
            OffsetAndMetadata o = s.toCommit();
            if (o != null) offsets.put(s.partition(), o);
        }
        return offsets;
    }

    /** Waits (bounded) for in-flight records to be acknowledged, commits them, and closes the sources. */
    private void release(Collection<PartitionStream> released, boolean commit) {
        if (commit) {
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (System.nanoTime() < deadline && !released.stream().allMatch(PartitionStream::drained)) {
                sleep(Duration.ofMillis(20));
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = acknowledged(released);
            if (!offsets.isEmpty()) {
                try {
                    commitSync(offsets);
                } catch (KafkaException e) {
                    log.warn("Kafka input '{}': could not commit offsets of released partitions ({}); their"
                            + " unacknowledged records will be read again", id, e.toString());
                }
            }
        }
        for (PartitionStream s : released) {
            s.source().close();
            streams.remove(s.partition());
        }
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets, CLOSE);
        } catch (WakeupException e) {
            // stop() woke the consumer while it was not polling; the wakeup is spent now, so commit again
            consumer.commitSync(offsets, CLOSE);
        }
    }

    private void shutdown() {
        try {
            release(List.copyOf(streams.values()), true);
        } catch (RuntimeException e) {
            log.warn("Kafka input '{}': error while stopping: {}", id, e.toString());
        } finally {
            consumer.close(CLOSE);
            ready = false;
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Runs on the consumer thread, inside poll(). */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                PartitionStream stream = new PartitionStream(tp);
                SourceSpec spec = SourceSpec.of("kafka " + tp, "kafka", decoder).withAcks(stream::acknowledged);
                stream.source(context.openSource(spec));
                streams.put(tp, stream);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            release(owned(partitions), true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Someone else owns them already: committing would fail; their new owner re-reads.
            release(owned(partitions), false);
        }

        private List<PartitionStream> owned(Collection<TopicPartition> partitions) {
            return partitions.stream().map(streams::get).filter(java.util.Objects::nonNull).toList();
        }
    }
}
