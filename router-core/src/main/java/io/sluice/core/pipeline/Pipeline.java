package io.sluice.core.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.core.buffer.InFlightGate;
import io.sluice.core.buffer.MemoryBudget;
import io.sluice.api.event.LogEvent;
import io.sluice.core.health.ComponentHealth;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.api.schema.Normalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The running pipeline (shared/DESIGN.md, "Data flow"): inputs hand raw batches in through
 * {@link Source}s; a pool of workers parses, normalizes and encodes each batch once; per source the
 * sequencer releases batches in their original order to the router; the router splits them among
 * the sinks' bounded buffers; each sink's runner sends, retries and acknowledges; acknowledgements
 * flow back to the inputs in order. The in-flight gate bounds memory and pushes back on the inputs.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** A raw batch waiting for a worker. */
    record Job(PipelineSource source, RawBatch batch, long number, long firstSequence, long createdNanos) {}

    /** The outputs and how events are split among them; replaced whole on reload. */
    private record Routing(Router router, List<SinkRunner> sinks) {}

    private final PipelineSettings settings;
    private volatile Normalizer normalizer;
    private volatile Routing routing;
    private final SinkRunner deadLetterSink;
    private final DeadLetters deadLetters;
    private final PipelineMetrics metrics;
    private final InFlightGate gate;
    /** Shared by the memory buffers of the routed sinks (not the dead-letter sink, which must never wait on them). */
    private final MemoryBudget memoryBudget;
    private final LinkedBlockingQueue<Job> work = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Path dataDir;
    private final MeterRegistry meters;
    private volatile boolean stopped;
    private volatile RouteTap tap;

    private Pipeline(Builder b) {
        this.settings = b.settings;
        this.normalizer = new Normalizer(b.normalize);
        this.meters = b.meters;
        this.metrics = new PipelineMetrics(b.meters);
        this.deadLetters = new DeadLetters(metrics);
        this.dataDir = b.dataDir;
        this.gate = new InFlightGate(settings.inFlightBytes());
        this.memoryBudget = settings.memoryBudget() > 0 ? new MemoryBudget(settings.memoryBudget()) : MemoryBudget.UNLIMITED;
        List<SinkRunner> sinks = new ArrayList<>();
        for (var e : b.outputs.entrySet()) {
            sinks.add(new SinkRunner(e.getKey(), e.getValue().output, e.getValue().common, metrics, deadLetters,
                    bufferDir(e.getKey()), memoryBudget));
        }
        this.routing = new Routing(new Router(b.routes, new ArrayList<>(b.outputs.keySet())), List.copyOf(sinks));
        this.deadLetterSink = b.deadLetter == null ? null
                : new SinkRunner("dead_letter", b.deadLetter.output, b.deadLetter.common, metrics, deadLetters,
                        bufferDir("dead_letter"), MemoryBudget.UNLIMITED);
        if (deadLetterSink != null) deadLetters.attach(deadLetterSink);
        Gauge.builder("sluice.pipeline.inflight.bytes", gate, InFlightGate::used).register(b.meters);
        Gauge.builder("sluice.pipeline.inflight.limit.bytes", gate, InFlightGate::limit).register(b.meters);
    }

    public static Builder builder(PipelineSettings settings, NormalizeSettings normalize, MeterRegistry meters, Path dataDir) {
        return new Builder(settings, normalize, meters, dataDir);
    }

    PipelineSettings settings() { return settings; }
    InFlightGate gate() { return gate; }
    public PipelineMetrics metrics() { return metrics; }

    /** Starts the outputs (connecting), their runners and the workers. Inputs are started by the caller after. */
    public void start() throws Exception {
        List<SinkRunner> all = new ArrayList<>(routing.sinks());
        if (deadLetterSink != null) all.add(deadLetterSink);
        for (SinkRunner s : all) {
            s.output().start(outputContext(s.id()));
            s.start();
        }
        for (int i = 0; i < settings.workers(); i++) {
            Thread t = new Thread(new Worker(this), "worker-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** The context an input starts with. */
    public InputContext inputContext(String inputId, DecodeOptions decodeOptions) {
        return new InputContext() {
            @Override public String inputId() { return inputId; }
            @Override public Source openSource(SourceSpec spec) { return new PipelineSource(spec, inputId, Pipeline.this); }
            @Override public DecodeOptions decodeOptions() { return decodeOptions; }
            @Override public MeterRegistry meters() { return metrics.registry(); }
            @Override public Path dataDir() { return ownedDir("inputs", inputId); }
        };
    }

    private OutputContext outputContext(String outputId) {
        return new OutputContext() {
            @Override public String outputId() { return outputId; }
            @Override public MeterRegistry meters() { return metrics.registry(); }
            @Override public Path dataDir() { return ownedDir("outputs", outputId); }
        };
    }

    /** Where an output's disk buffer lives (created only when the output uses one). */
    private Path bufferDir(String outputId) {
        return dataDir.resolve("outputs").resolve(outputId).resolve("buffer");
    }

    private Path ownedDir(String kind, String id) {
        try {
            return Files.createDirectories(dataDir.resolve(kind).resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory for " + kind + " " + id, e);
        }
    }

    boolean submit(Job job) {
        long bytes = job.batch().byteSize();
        boolean room = gate.admit(bytes);
        metrics.eventsIn(job.source().inputId, job.batch().size(), bytes);
        work.add(job);
        return room;
    }

    Job nextJob() throws InterruptedException {
        return work.poll(PipelineSettings.POLL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    boolean isStopped() {
        return stopped;
    }

    /** Router step, called by the sequencer in source order. */
    void route(PipelineSource source, EventBatch batch) throws InterruptedException {
        Routing current = routing;
        Router router = current.router();
        List<SinkRunner> sinks = current.sinks();
        int n = batch.count;
        long[] masks = new long[n];
        int rejected = 0;
        int unrouted = 0;
        long union = 0;
        for (int i = 0; i < n; i++) {
            LogEvent e = batch.events[i];
            if (e.rejection() != null) {
                rejected++;
                continue;
            }
            masks[i] = router.route(source.inputId, e);
            if (masks[i] == 0) unrouted++;
            union |= masks[i];
        }
        if (unrouted > 0) metrics.dropped("router", "unrouted", unrouted);
        RouteTap t = tap;
        if (t != null) t.routed(new RoutedBatch(source.inputId, source.spec.name(), batch, masks, sinks));
        for (int s = 0; s < sinks.size(); s++) {
            long bit = 1L << s;
            if ((union & bit) == 0) continue;
            int count = 0;
            for (int i = 0; i < n; i++) if ((masks[i] & bit) != 0) count++;
            int[] idx = new int[count];
            int k = 0;
            for (int i = 0; i < n; i++) if ((masks[i] & bit) != 0) idx[k++] = i;
            batch.expectDelivery();
            sinks.get(s).put(new OutputBatch(batch, idx));
        }
        if (rejected > 0) {
            int[] idx = new int[rejected];
            int k = 0;
            for (int i = 0; i < n; i++) if (batch.events[i].rejection() != null) idx[k++] = i;
            deadLetters.submit(batch, idx);
        }
        batch.delivered();
    }

    /** Installs the observer of routed batches, or removes it with null (see {@link RouteTap}). */
    public void tap(RouteTap observer) {
        this.tap = observer;
    }

    /** How long a send may stay unanswered before liveness says the pipeline is wedged. */
    private volatile long wedgedAfterNanos = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

    public void wedgedAfter(Duration limit) {
        this.wedgedAfterNanos = limit.toNanos();
    }

    /**
     * Liveness for {@code /health/live}: every worker and sink thread is running and no send hangs.
     * A sink that fails fast (retrying, circuit open) is a readiness matter, not a liveness one.
     */
    public List<ComponentHealth> liveness() {
        List<ComponentHealth> out = new ArrayList<>();
        if (!stopped) {
            for (Thread t : workers) {
                if (!t.isAlive()) out.add(ComponentHealth.failing("pipeline", "worker thread " + t.getName() + " died"));
            }
        }
        for (SinkRunner s : routing.sinks()) out.add(s.liveness(wedgedAfterNanos));
        if (deadLetterSink != null) out.add(deadLetterSink.liveness(wedgedAfterNanos));
        return out;
    }

    /** Readiness of every sink (inputs report their own). */
    public List<ComponentHealth> health() {
        List<ComponentHealth> out = new ArrayList<>();
        for (SinkRunner s : routing.sinks()) out.add(s.health());
        if (deadLetterSink != null) out.add(deadLetterSink.health());
        return out;
    }

    public List<SinkRunner> sinks() {
        return routing.sinks();
    }

    Normalizer normalizer() {
        return normalizer;
    }

    /**
     * Hot reload of routes, outputs and normalization: outputs named in {@code keep} continue
     * untouched; {@code added} outputs start before any event is routed to them; the new routes take
     * effect from the next batch; outputs no longer present stop taking events, deliver what they
     * already have, and close. Nothing routed before the switch is lost.
     *
     * @param outputs every output of the new configuration, in order; those in {@code keep} must be the running ones
     * @param keep    ids of outputs whose configuration did not change
     */
    public synchronized void reconfigure(NormalizeSettings normalize, List<Route> routes,
                                         Map<String, OutputSpec> outputs, java.util.Set<String> keep) throws Exception {
        Map<String, SinkRunner> running = new LinkedHashMap<>();
        for (SinkRunner s : routing.sinks()) running.put(s.id(), s);
        for (SinkRunner s : running.values()) {
            if (!keep.contains(s.id()) || !outputs.containsKey(s.id())) s.unregisterGauges();
        }
        List<SinkRunner> next = new ArrayList<>();
        List<SinkRunner> started = new ArrayList<>();
        List<SinkRunner> handingOver = new ArrayList<>();
        for (var e : outputs.entrySet()) {
            SinkRunner existing = running.get(e.getKey());
            if (existing != null && keep.contains(e.getKey())) {
                next.add(existing);
                continue;
            }
            boolean sameBuffer = existing != null
                    && existing.bufferOptions().equals(e.getValue().common().get(SinkOptions.BUFFER_BLOCK));
            // same id and buffer: the new runner continues with the old buffer (what is queued, in memory or
            // on disk, is delivered by the new output); otherwise the old runner drains its own buffer
            SinkRunner fresh = sameBuffer
                    ? SinkRunner.sharingBuffer(existing, e.getValue().output(), e.getValue().common())
                    : new SinkRunner(e.getKey(), e.getValue().output(), e.getValue().common(), metrics, deadLetters,
                            bufferDir(e.getKey()), memoryBudget);
            try {
                fresh.output().start(outputContext(fresh.id()));
            } catch (Exception ex) {
                for (SinkRunner s : started) closeQuietly(s);
                throw ex; // nothing was handed over or switched yet: the running pipeline is unchanged
            }
            if (sameBuffer) handingOver.add(existing);
            started.add(fresh);
            next.add(fresh);
        }
        // every new output started: only now do predecessors hand their buffers over and runners start
        for (SinkRunner previous : handingOver) previous.handOver();
        for (SinkRunner fresh : started) fresh.start();
        Router router = new Router(routes, next.stream().map(SinkRunner::id).toList());
        this.normalizer = new Normalizer(normalize);
        this.routing = new Routing(router, List.copyOf(next));
        for (SinkRunner old : running.values()) {
            if (!next.contains(old)) retire(old);
        }
        LOG.info("reconfigured: outputs {} (kept {}, started {})", next.stream().map(SinkRunner::id).toList(),
                keep, started.stream().map(SinkRunner::id).toList());
    }

    /** Lets a replaced sink finish what was routed to it, then closes it, on its own thread. */
    private void retire(SinkRunner old) {
        Thread t = new Thread(() -> {
            old.stopWhenDrained();
            try {
                while (!old.awaitThreads(1000)) {
                    if (stopped) {
                        old.abandonRemaining();
                        old.interrupt();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            old.closeBuffer();
            closeQuietly(old);
            LOG.info("output {} (replaced) delivered what it had and closed", old.id());
        }, "retire-" + old.id());
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(SinkRunner s) {
        try {
            s.output().close();
        } catch (Exception e) {
            LOG.warn("output {}: error while closing: {}", s.id(), e.toString());
        }
    }

    /** An output and its validated common options (buffer, batch, retry). */
    public record OutputSpec(Output output, Options common) {}

    /** Bytes admitted and not yet acknowledged by every sink. */
    public long inFlightBytes() {
        return gate.used();
    }

    /**
     * Waits until everything admitted has been delivered, up to the timeout; call after the inputs
     * stopped. On timeout the sinks stop retrying and what is left is counted as undelivered.
     *
     * @return true when everything was delivered
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        boolean empty = gate.awaitEmpty(timeout.toMillis());
        if (!empty) {
            LOG.warn("shutdown timeout of {} passed with {} bytes not yet delivered; giving up on them",
                    timeout, gate.used());
            for (SinkRunner s : routing.sinks()) s.abandonRemaining();
            if (deadLetterSink != null) deadLetterSink.abandonRemaining();
        }
        return empty;
    }

    /** Events that shutdown gave up on, per sink. */
    public Map<String, Long> undelivered() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (SinkRunner s : routing.sinks()) out.put(s.id(), s.undelivered());
        if (deadLetterSink != null) out.put(deadLetterSink.id(), deadLetterSink.undelivered());
        return out;
    }

    /** Stops workers and sink runners (after {@link #drain}), then closes the outputs. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread t : workers) t.interrupt();
        for (Thread t : workers) t.join(5000);
        List<SinkRunner> all = new ArrayList<>(routing.sinks());
        if (deadLetterSink != null) all.add(deadLetterSink); // last: the others may still dead-letter
        for (SinkRunner s : all) {
            s.stopWhenDrained();
            if (!s.awaitThreads(5000)) {
                s.abandonRemaining();
                s.interrupt();
                s.awaitThreads(2000);
            }
            s.closeBuffer();
            closeQuietly(s);
        }
    }

    /** Assembles a pipeline: outputs in order, routes, the dead-letter sink. */
    public static final class Builder {
        private final PipelineSettings settings;
        private final NormalizeSettings normalize;
        private final MeterRegistry meters;
        private final Path dataDir;
        private final Map<String, OutputEntry> outputs = new LinkedHashMap<>();
        private List<Route> routes = List.of();
        private OutputEntry deadLetter;

        private record OutputEntry(Output output, Options common) {}

        private Builder(PipelineSettings settings, NormalizeSettings normalize, MeterRegistry meters, Path dataDir) {
            this.settings = settings;
            this.normalize = normalize;
            this.meters = meters;
            this.dataDir = dataDir;
        }

        /** @param common the output's validated options, which include {@link SinkOptions}' blocks */
        public Builder output(String id, Output output, Options common) {
            outputs.put(id, new OutputEntry(output, common));
            return this;
        }

        public Builder routes(List<Route> routes) {
            this.routes = List.copyOf(routes);
            return this;
        }

        public Builder deadLetter(Output output, Options common) {
            this.deadLetter = new OutputEntry(output, common);
            return this;
        }

        public Pipeline build() {
            return new Pipeline(this);
        }
    }
}
