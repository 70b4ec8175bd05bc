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
    private Normalizer normalizer;
    private RecordProcessor processor;
    private final EventEncoder encoder = new EventEncoder();
    private final JsonBytes out = new JsonBytes(512 * 1024);
    /** Decoders by factory; weak so factories of closed sources can go. */
    private final Map<RecordDecoder.Factory, RecordDecoder> decoders = new WeakHashMap<>();

    Worker(WorkQueue work, Supplier<Normalizer> currentNormalizer, Supplier<TransformChain> currentTransforms,
           PipelineMetrics metrics) {
        this.work = work;
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
                // A bug in a decoder must not kill the worker and wedge the source's sequence.
                LOG.error("worker failed on a batch; this is a bug, please report it", e);
            }
        }
    }

    /** sluice_events_tagged_total: Sluice's own tags only, so the label stays bounded. */
    private void countTags(LogEvent e, String inputId) {
        for (String tag : e.tags()) {
            if (Tags.isSluiceTag(tag)) metrics.tagged(inputId, tag);
        }
    }

    private void process(WorkQueue.Job job) throws InterruptedException {
        PipelineSource source = job.source();
        RawBatch raw = job.batch();
        Normalizer current = currentNormalizer.get();
        if (current != normalizer) { // first batch, or normalize settings were reloaded
            normalizer = current;
            processor = new RecordProcessor(current);
        }
        RecordDecoder decoder = decoders.computeIfAbsent(source.spec.decoder(), RecordDecoder.Factory::create);
        int records = raw.size();
        LogEvent[] events = new LogEvent[records];
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
        int[] starts = new int[n + 1];
        out.reset();
        for (int i = 0; i < n; i++) {
            starts[i] = out.length();
            encoder.encode(events[i], out);
        }
        starts[n] = out.length();
        long rawBytes = raw.byteSize();
        long number = job.number();
        long lastPosition = raw.lastPosition();
        EventBatch batch = new EventBatch(events, n, out.toByteArray(), starts,
                () -> source.completed(number, lastPosition, rawBytes));
        source.processed(number, batch);
    }
}
