package io.sluice.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.framing.HeldBytes;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.PodLookup;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The context an input starts with during a reload, before the reload is committed: the input binds
 * its listeners and opens its files for real (so a port in use fails the reload before anything
 * changed), but what it reads is held, and its readers pause, until {@link #release} hands the held
 * batches to the pipeline, which by then routes with the new configuration. {@link #discard} drops
 * them when the reload is abandoned (nothing of them was acknowledged to a sender or checkpointed).
 */
final class HeldInputContext implements InputContext {
    private final InputContext pipeline;
    private final List<HeldSource> sources = new ArrayList<>();
    private boolean released;

    HeldInputContext(InputContext pipeline) {
        this.pipeline = pipeline;
    }

    @Override public String inputId() { return pipeline.inputId(); }
    @Override public DecodeOptions decodeOptions() { return pipeline.decodeOptions(); }
    @Override public MeterRegistry meters() { return pipeline.meters(); }
    @Override public Path dataDir() { return pipeline.dataDir(); }
    /** The pipeline's account: an input started by a reload is bounded like one started with the daemon. */
    @Override public HeldBytes heldBytes() { return pipeline.heldBytes(); }
    @Override public PodLookup pods() { return pipeline.pods(); }

    @Override
    public synchronized Source openSource(SourceSpec spec) {
        Source real = pipeline.openSource(spec);
        if (released) return real;
        HeldSource held = new HeldSource(real);
        sources.add(held);
        return held;
    }

    /** The reload is committed: every held batch goes to the pipeline, in order, and readers resume. */
    synchronized void release() {
        released = true;
        for (HeldSource s : sources) s.release();
        sources.clear();
    }

    /** The reload is abandoned (the input is being closed): held batches are dropped. */
    synchronized void discard() {
        for (HeldSource s : sources) s.discard();
        sources.clear();
    }

    /** Passes through once released; before that keeps what is published and says "no room". */
    private static final class HeldSource implements Source {
        private final Source real;
        private final ArrayDeque<RawBatch> held = new ArrayDeque<>();
        private final List<Runnable> waiting = new ArrayList<>();
        private boolean released;
        private boolean discarded;
        private boolean closed;

        HeldSource(Source real) {
            this.real = real;
        }

        @Override
        public RawBatch newBatch() {
            return real.newBatch();
        }

        @Override
        public synchronized boolean publish(RawBatch batch) {
            if (released) return real.publish(batch);
            if (!discarded) held.add(batch);
            return false;
        }

        @Override
        public synchronized boolean hasCapacity() {
            return released && real.hasCapacity();
        }

        @Override
        public synchronized void whenCapacity(Runnable task) {
            if (released) real.whenCapacity(task);
            else if (!discarded) waiting.add(task);
        }

        @Override
        public void awaitCapacity() throws InterruptedException {
            synchronized (this) {
                while (!released) wait();
            }
            real.awaitCapacity();
        }

        @Override
        public synchronized void close() {
            if (released || discarded) real.close();
            else closed = true; // closed on release, after what it holds
        }

        synchronized void release() {
            if (discarded) return;
            released = true;
            while (!held.isEmpty()) real.publish(held.poll());
            for (Runnable task : waiting) real.whenCapacity(task);
            waiting.clear();
            if (closed) real.close();
            notifyAll();
        }

        synchronized void discard() {
            discarded = true;
            held.clear();
            waiting.clear();
            real.close();
            notifyAll();
        }
    }
}
