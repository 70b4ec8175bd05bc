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
    private Normalizer normalizer;
    private RecordProcessor processor;
    private final EventEncoder encoder = new EventEncoder();
    private final JsonBytes out = new JsonBytes(512 * 1024);
    /** Decoders by factory; weak so factories of closed sources can go. */
    private final Map<RecordDecoder.Factory, RecordDecoder> decoders = new WeakHashMap<>();

    Worker(WorkQueue work, Supplier<Normalizer> currentNormalizer, Supplier<TransformChain> currentTransforms,
           PipelineMetrics metrics, BatchFailures failures) {
        this.work = work;
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
    private LogEvent deadLettered(RawBatch raw, int i, PipelineSource source, WorkQueue.Job job,
                                  io.sluice.api.event.Rejection why) {
        LogEvent e = processor.failed(raw, i, source.spec, job.firstSequence() + i, job.createdNanos(), source.inputId, why);
        DeadLetters.mark(e, why);
        e.original(Utf8.decode(raw.data(), raw.start(i), raw.length(i)));
        return e;
    }

    /** Decodes, normalizes, transforms and encodes every record of the job into {@code events}; returns how many are kept. */
    private int decodeTransformEncode(PipelineSource source, WorkQueue.Job job, LogEvent[] events) {
        RawBatch raw = job.batch();
        RecordDecoder decoder = decoders.computeIfAbsent(source.spec.decoder(), RecordDecoder.Factory::create);
        int records = raw.size();
        for (int i = 0; i < records; i++) {
            LogEvent e;
            try {
                e = processor.process(raw, i, source.spec, decoder, job.firstSequence() + i, job.createdNanos(),
                        source.inputId);
            } catch (RuntimeException ex) {
                e = processor.failed(raw, i, source.spec, job.firstSequence() + i, job.createdNanos(), source.inputId, ex);
            }
            if (e.rejection() != null) {
                DeadLetters.mark(e, e.rejection());
                // keep the record as it came, so `sluice replay` can decode it again once the cause is fixed
                if (e.original() == null) e.original(Utf8.decode(raw.data(), raw.start(i), raw.length(i)));
            }
            if (!e.tags().isEmpty()) countTags(e, source.inputId);
            events[i] = e;
        }
        int n = currentTransforms.get().apply(events, records, metrics);
        encode(events, n);
        return n;
    }

    private void process(WorkQueue.Job job) throws InterruptedException {
        PipelineSource source = job.source();
        RawBatch raw = job.batch();
        Normalizer current = currentNormalizer.get();
        if (current != normalizer) { // first batch, or normalize settings were reloaded
            normalizer = current;
            processor = new RecordProcessor(current);
        }
        int records = raw.size();
        LogEvent[] events = new LogEvent[records];
        int n;
        try {
            n = decodeTransformEncode(source, job, events);
        } catch (RuntimeException | Error ex) {
            // never lose the batch nor wedge its source's sequence: every record goes to the dead letters as it came
            failures.record("worker", records, ex, "the events go to the dead letters");
            n = records;
            try {
                for (int i = 0; i < records; i++) {
                    events[i] = deadLettered(raw, i, source, job, BatchFailures.rejection("pipeline", ex));
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
        long rawBytes = raw.byteSize();
        long number = job.number();
        long lastPosition = raw.lastPosition();
        EventBatch batch = new EventBatch(events, n, out.toByteArray(), starts,
                () -> source.completed(number, lastPosition, rawBytes));
        source.processed(number, batch);
    }
}
