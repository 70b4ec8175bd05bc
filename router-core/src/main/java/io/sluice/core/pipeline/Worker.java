package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.json.Utf8;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.Normalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * A pipeline worker: takes raw batches, decodes, normalizes, transforms and encodes every record of a batch,
 * then hands the batch to its source's {@link Sequencer}. Owns its decoders and buffers, so nothing on this
 * path is shared between threads.
 */
final class Worker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkQueue work;
    /** The normalizer of the current configuration (reload replaces it). */
    private final Supplier<Normalizer> currentNormalizer;
    /** The transforms of the current configuration (reload replaces them). */
    private final Supplier<TransformChain> currentTransforms;
    private final PipelineMetrics metrics;
    private final BatchFailures failures;
    /** Where each event batch's JSON is copied out of {@link #out}; given back when the batch is complete. */
    private final EncodedArrays encodedArrays;
    private Normalizer normalizer;
    private RecordProcessor processor;
    private final EventEncoder encoder = new EventEncoder();
    private final JsonBytes out = new JsonBytes(512 * 1024);
    /** Decoders by factory; weak so factories of closed sources can go. */
    private final Map<RecordDecoder.Factory, RecordDecoder> decoders = new WeakHashMap<>();

    Worker(WorkQueue work, Supplier<Normalizer> currentNormalizer, Supplier<TransformChain> currentTransforms,
           PipelineMetrics metrics, BatchFailures failures, EncodedArrays encodedArrays) {
        this.work = work;
        this.encodedArrays = encodedArrays;
        this.failures = failures;
        this.currentNormalizer = currentNormalizer;
        this.currentTransforms = currentTransforms;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        while (!work.isClosed()) {
            WorkQueue.Job job;
            try {
                job = work.next();
                if (job == null) continue;
                process(job);
            } catch (InterruptedException e) {
                if (work.isClosed()) return;
            } catch (RuntimeException | Error e) {
                // process() dead-letters a batch it fails on; this is the last guard so the worker lives on
                LOG.error("worker failed outside a batch; this is a bug, please report it", e);
            }
        }
    }

    /** sluice_events_tagged_total: Sluice's own tags only, so the label stays bounded. */
    private void countTags(LogEvent e, String inputId) {
        for (String tag : e.tags()) {
            if (Tags.isSluiceTag(tag)) metrics.tagged(inputId, tag);
        }
    }

    /** Scratch of {@link #encode}: where each event's JSON starts in {@link #out}, then the end. */
    private int[] starts = new int[0];

    private void encode(LogEvent[] events, int n) {
        starts = new int[n + 1];
        out.reset();
        for (int i = 0; i < n; i++) {
            starts[i] = out.length();
            encoder.encode(events[i], out);
        }
        starts[n] = out.length();
    }

    /** Record {@code i} refused as it came (its raw text kept as the original, for `sluice replay`). */
    private LogEvent deadLettered(RawBatch raw, int i, PipelineSource source, long firstSequence, long createdNanos,
                                  io.sluice.api.event.Rejection why) {
        LogEvent e = processor.failed(raw, i, source.spec, firstSequence + i, createdNanos, source.inputId, why);
        DeadLetters.mark(e, why);
        e.original(Utf8.decode(raw.data(), raw.start(i), raw.length(i)));
        return e;
    }

    /**
     * Decodes, normalizes, transforms and encodes records {@code [from, to)} of the raw batch into
     * {@code events}; returns how many are kept.
     */
    private int decodeTransformEncode(PipelineSource source, RawBatch raw, int from, int to, long firstSequence,
                                      long createdNanos, LogEvent[] events) {
        RecordDecoder decoder = decoders.computeIfAbsent(source.spec.decoder(), RecordDecoder.Factory::create);
        try {
            for (int i = from; i < to; i++) {
                LogEvent e;
                try {
                    e = processor.process(raw, i, source.spec, decoder, firstSequence + i, createdNanos, source.inputId);
                } catch (RuntimeException ex) {
                    e = processor.failed(raw, i, source.spec, firstSequence + i, createdNanos, source.inputId, ex);
                }
                if (e.rejection() != null) {
                    DeadLetters.mark(e, e.rejection());
                    // keep the record as it came, so `sluice replay` can decode it again once the cause is fixed
                    if (e.original() == null) e.original(Utf8.decode(raw.data(), raw.start(i), raw.length(i)));
                }
                if (!e.tags().isEmpty()) countTags(e, source.inputId);
                events[i - from] = e;
            }
        } finally {
            decoder.batchDone();
        }
        int n = currentTransforms.get().apply(events, to - from, metrics);
        encode(events, n);
        return n;
    }

    /**
     * Cuts the raw batch's lines if its reader left them uncut, numbers it after its source's earlier
     * batches, and processes it as event batches of at most {@code batch_max_records} records each.
     */
    private void process(WorkQueue.Job job) throws InterruptedException {
        PipelineSource source = job.source();
        RawBatch raw = job.batch();
        Normalizer current = currentNormalizer.get();
        if (current != normalizer) { // first batch, or normalize settings were reloaded
            normalizer = current;
            processor = new RecordProcessor(current);
        }
        int records;
        try {
            raw.cutLines();
            records = raw.size();
        } catch (RuntimeException | Error ex) {
            // the batch cannot be read: an empty event batch frees its bytes and moves its source's order on
            failures.record("worker", 0, ex, "the raw batch's lines could not be cut; its bytes are dropped");
            long number = source.number(job.published(), 0, 1).firstBatch();
            process(source, raw, 0, 0, number, 0, job.createdNanos(), raw.byteSize());
            return;
        }
        int perBatch = source.batchMaxRecords();
        int batches = Math.max(1, (records + perBatch - 1) / perBatch);
        PipelineSource.Numbers numbers = source.number(job.published(), records, batches);
        metrics.eventsIn(source.inputId, records, raw.byteSize());
        int fromByte = 0;
        for (int b = 0; b < batches; b++) {
            int from = b * perBatch;
            int to = Math.min(records, from + perBatch);
            boolean last = b == batches - 1;
            // each event batch frees its share of the raw bytes: up to where the next one's records start
            int toByte = last ? raw.byteSize() : raw.start(to);
            process(source, raw, from, to, numbers.firstBatch() + b, numbers.firstSequence(), job.createdNanos(),
                    toByte - fromByte);
            fromByte = toByte;
        }
    }

    private void process(PipelineSource source, RawBatch raw, int from, int to, long number, long firstSequence,
                         long createdNanos, long rawBytes) throws InterruptedException {
        int records = to - from;
        LogEvent[] events = new LogEvent[records];
        int n;
        try {
            n = decodeTransformEncode(source, raw, from, to, firstSequence, createdNanos, events);
        } catch (RuntimeException | Error ex) {
            // never lose the batch nor wedge its source's sequence: every record goes to the dead letters as it came
            failures.record("worker", records, ex, "the events go to the dead letters");
            n = records;
            try {
                for (int i = from; i < to; i++) {
                    events[i - from] = deadLettered(raw, i, source, firstSequence, createdNanos,
                            BatchFailures.rejection("pipeline", ex));
                }
                encode(events, n);
            } catch (RuntimeException | Error again) {
                // not even the raw text could be dead-lettered: an empty batch still moves the sequence on
                LOG.error("the dead-letter path failed too; {} events are dropped", records, again);
                metrics.dropped("pipeline", BatchFailures.INTERNAL_ERROR, records);
                n = 0;
                encode(events, 0);
            }
        }
        long lastPosition = to > from ? raw.position(to - 1) : -1;
        byte[] json = encodedArrays.copyOf(out.array(), out.length());
        EventBatch batch = new EventBatch(events, n, json, starts, () -> {
            encodedArrays.give(json); // every sink has the batch: nothing reads its JSON any more
            source.completed(number, lastPosition, rawBytes);
        });
        source.processed(number, batch);
    }
}
