package io.sluice.core.testkit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.event.LogEvent;
import io.sluice.core.buffer.HeldBytesAccount;
import io.sluice.core.pipeline.RecordProcessor;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.PodLookup;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.api.schema.Normalizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link InputContext} for testing an input on its own: every published batch is decoded and
 * normalized at once on the publishing thread, the events collected, and the batch acknowledged
 * (unless acks are held). Capacity can be switched off to test an input's backpressure.
 */
public final class CollectingInputContext implements InputContext {
    private final String inputId;
    private final DecodeOptions decodeOptions;
    private final Path dataDir;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    /*
     * Not a CopyOnWriteArrayList: that copies every event collected so far on each add, which made
     * collecting 150,000 events take minutes on a loaded machine. Appends and reads share this
     * lock; {@link #events()} is a live read-only view that tests poll while the input runs.
     */
    private final List<LogEvent> collected = new ArrayList<>();
    private final List<LogEvent> events = new CollectedView();
    private final List<String> sourcesOpened = new CopyOnWriteArrayList<>();
    private final AtomicInteger sourcesClosed = new AtomicInteger();
    private final AtomicBoolean capacity = new AtomicBoolean(true);
    private final List<Runnable> waiting = new ArrayList<>();
    private volatile boolean holdAcks;
    private final Normalizer normalizer = new Normalizer(NormalizeSettings.defaults());
    private volatile HeldBytesAccount held = new HeldBytesAccount(Long.MAX_VALUE);

    public CollectingInputContext(String inputId, DecodeOptions decodeOptions, Path dataDir) {
        this.inputId = inputId;
        this.decodeOptions = decodeOptions;
        this.dataDir = dataDir;
    }

    public CollectingInputContext(String inputId, Path dataDir) {
        this(inputId, DecodeOptions.DEFAULT, dataDir);
    }

    public List<LogEvent> events() { return events; }
    public List<String> sourcesOpened() { return sourcesOpened; }
    public int sourcesClosed() { return sourcesClosed.get(); }

    /** When held, batches are collected but their positions are not acknowledged. */
    public void holdAcks(boolean hold) { this.holdAcks = hold; }

    private volatile PodLookup pods = PodLookup.NONE;

    /** What {@link #pods()} answers from now on, e.g. a kubernetes_metadata transform under test. */
    public void pods(PodLookup lookup) { this.pods = lookup; }

    @Override
    public PodLookup pods() { return pods; }

    /** Bounds what the input may hold for clients ({@code pipeline.held_bytes}); call before start. */
    public HeldBytesAccount limitHeldBytes(long limit) {
        held = new HeldBytesAccount(limit);
        return held;
    }

    @Override
    public HeldBytesAccount heldBytes() { return held; }

    /** Turns pipeline capacity off (inputs must pause) or on (waiting inputs are resumed). */
    public void capacity(boolean available) {
        capacity.set(available);
        if (available) {
            List<Runnable> run;
            synchronized (waiting) {
                run = new ArrayList<>(waiting);
                waiting.clear();
                waiting.notifyAll();
            }
            run.forEach(Runnable::run);
        }
    }

    @Override
    public String inputId() { return inputId; }

    @Override
    public DecodeOptions decodeOptions() { return decodeOptions; }

    @Override
    public MeterRegistry meters() { return meters; }

    @Override
    public Path dataDir() {
        try {
            return Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The collected events as they grow: iterating sees those there when each element is reached. */
    private final class CollectedView extends AbstractList<LogEvent> implements RandomAccess {
        @Override
        public LogEvent get(int index) {
            synchronized (collected) {
                return collected.get(index);
            }
        }

        @Override
        public int size() {
            synchronized (collected) {
                return collected.size();
            }
        }
    }

    @Override
    public Source openSource(SourceSpec spec) {
        sourcesOpened.add(spec.name());
        RecordDecoder decoder = spec.decoder().create();
        RecordProcessor processor = new RecordProcessor(normalizer);
        return new Source() {
            private long sequence;

            @Override
            public RawBatch newBatch() {
                return new RawBatch(512, 256 * 1024);
            }

            @Override
            public boolean publish(RawBatch batch) {
                if (batch.isEmpty()) return capacity.get();
                long now = System.currentTimeMillis() * 1_000_000L;
                synchronized (this) { // one source's decoder and sequence, in publish order
                    List<LogEvent> decoded = new ArrayList<>(batch.size());
                    try {
                        for (int i = 0; i < batch.size(); i++) {
                            decoded.add(processor.process(batch, i, spec, decoder, sequence++, now, inputId));
                        }
                    } finally {
                        decoder.batchDone(); // as a worker does: the decoder's counts before the events are seen
                    }
                    synchronized (collected) {
                        collected.addAll(decoded);
                    }
                }
                if (!holdAcks && spec.acks() != null) spec.acks().acknowledged(batch.lastPosition());
                return capacity.get();
            }

            @Override
            public boolean hasCapacity() {
                return capacity.get();
            }

            @Override
            public void whenCapacity(Runnable task) {
                synchronized (waiting) {
                    if (!capacity.get()) {
                        waiting.add(task);
                        return;
                    }
                }
                task.run();
            }

            @Override
            public void awaitCapacity() throws InterruptedException {
                synchronized (waiting) {
                    while (!capacity.get()) waiting.wait(100);
                }
            }

            @Override
            public void close() {
                sourcesClosed.incrementAndGet();
            }
        };
    }
}
