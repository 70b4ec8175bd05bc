package io.sluice.core.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.core.buffer.HeldBytesAccount;
import io.sluice.core.buffer.InFlightGate;
import io.sluice.api.framing.HeldBytes;
import io.micrometer.core.instrument.FunctionCounter;
import io.sluice.core.buffer.MemoryBudget;
import io.sluice.core.health.ComponentHealth;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.PodLookup;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running pipeline, assembled from stages with one job each (docs/architecture.md, "Data
 * flow"): inputs publish raw batches through {@link PipelineSource}s into the {@link WorkQueue}; a
 * pool of {@link Worker}s parses, normalizes, transforms ({@link TransformChain}) and encodes each batch once; per source a
 * {@link Sequencer} releases batches in their original order to the {@link FanOut}, which routes
 * and splits them among the sinks' bounded buffers; each {@link SinkRunner} sends, retries and
 * acknowledges; acknowledgements flow back to the inputs in order. The in-flight gate bounds memory
 * and pushes back on the inputs. This class starts, reconfigures and stops those stages.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineSettings settings;
    private volatile Normalizer normalizer;
    private volatile TransformChain transforms;
    private final SinkRunner deadLetterSink;
    private final DeadLetters deadLetters;
    private final PipelineMetrics metrics;
    private final InFlightGate gate;
    private final BatchFailures batchFailures;
    private final HeldBytesAccount held;
    /** Shared by the memory buffers of the routed sinks (not the dead-letter sink, which must never wait on them). */
    private final MemoryBudget memoryBudget;
    private final WorkQueue work;
    private final FanOut fanOut;
    private final EncodedArrays encodedArrays;
    /** The most bytes of free encoded-JSON arrays kept for reuse (docs/operations.md). */
    private static final long MAX_FREE_ENCODED_BYTES = 16L * 1024 * 1024;
    private final List<Thread> workers = new ArrayList<>();
    private final Path dataDir;
    private volatile boolean stopped;

    private Pipeline(Builder b) {
        this.settings = b.settings;
        this.normalizer = new Normalizer(b.normalize);
        this.transforms = b.transforms;
        this.metrics = new PipelineMetrics(b.meters);
        this.deadLetters = new DeadLetters(metrics);
        this.dataDir = b.dataDir;
        this.gate = new InFlightGate(settings.inFlightBytes());
        this.held = new HeldBytesAccount(settings.heldBytes());
        this.memoryBudget = settings.memoryBudget() > 0 ? new MemoryBudget(settings.memoryBudget()) : MemoryBudget.UNLIMITED;
        this.work = new WorkQueue(gate);
        // as much encoded JSON as is in flight (about 2.5x the raw bytes) with some to spare; the heap held
        // it at that peak anyway, but a large in_flight_bytes should not keep it all once a burst is over
        this.encodedArrays = new EncodedArrays(Math.min(4 * settings.inFlightBytes(), MAX_FREE_ENCODED_BYTES));
        this.batchFailures = new BatchFailures(metrics);
        List<SinkRunner> sinks = new ArrayList<>();
        for (var e : b.outputs.entrySet()) sinks.add(newRunner(e.getKey(), e.getValue().output, e.getValue().common));
        this.fanOut = new FanOut(new Router(b.routes, new ArrayList<>(b.outputs.keySet())), sinks, deadLetters, metrics,
                batchFailures);
        this.deadLetterSink = b.deadLetter == null ? null
                : new SinkRunner("dead_letter", b.deadLetter.output, b.deadLetter.common, metrics, deadLetters,
                        bufferDir("dead_letter"), MemoryBudget.UNLIMITED);
        if (deadLetterSink != null) deadLetters.attach(deadLetterSink);
        Gauge.builder("sluice.pipeline.inflight.bytes", gate, InFlightGate::used).register(b.meters);
        Gauge.builder("sluice.pipeline.inflight.limit.bytes", gate, InFlightGate::limit).register(b.meters);
        Gauge.builder("sluice.pipeline.held.bytes", held, HeldBytesAccount::used)
                .description("bytes inputs hold for clients outside the in-flight bytes: partial lines, events being joined")
                .register(b.meters);
        Gauge.builder("sluice.pipeline.held.limit.bytes", held, HeldBytesAccount::limit).register(b.meters);
        FunctionCounter.builder("sluice.pipeline.held.refused", held, HeldBytesAccount::refused)
                .description("charges refused because pipeline.held_bytes was full; each cut a record short")
                .register(b.meters);
    }

    public static Builder builder(PipelineSettings settings, NormalizeSettings normalize, MeterRegistry meters, Path dataDir) {
        return new Builder(settings, normalize, meters, dataDir);
    }

    public PipelineMetrics metrics() { return metrics; }

    /** The account of bytes held for clients (pipeline.held_bytes): inputs' partial lines, /tap queues. */
    public HeldBytes heldBytes() { return held; }

    private SinkRunner newRunner(String id, Output output, Options common) {
        return new SinkRunner(id, output, common, metrics, deadLetters, bufferDir(id), memoryBudget);
    }

    /** The routed sinks, then the dead-letter sink (last: the others may still dead-letter). */
    private List<SinkRunner> allSinks() {
        List<SinkRunner> all = new ArrayList<>(fanOut.sinks());
        if (deadLetterSink != null) all.add(deadLetterSink);
        return all;
    }

    /**
     * Starts the outputs (connecting), their runners and the workers. Inputs are started by the caller
     * after. An output that cannot start does not fail this: see {@link OutputStart}.
     */
    public void start() throws Exception {
        // a sink that is down now is retried by its runner and shown in readiness: never a failed start
        for (SinkRunner s : allSinks()) s.start(outputContext(s.id()));
        for (int i = 0; i < settings.workers(); i++) {
            Worker w = new Worker(work, () -> normalizer, () -> transforms, metrics, batchFailures, encodedArrays);
            Thread t = new Thread(w, "worker-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /**
     * Starts the JIT warm-up ({@link WarmUp}) on a daemon thread of its own: the sources' records run
     * through the worker path until the first real batch, {@code pipeline.warm_up} of CPU, or close. Does
     * nothing without sources or with a zero budget. May be called before {@link #start}.
     */
    public void warmUp(List<WarmUpSource> sources) {
        if (sources.isEmpty() || settings.warmUp().isZero()) return;
        WarmUp w = new WarmUp(sources, () -> normalizer, () -> stopped || work.anySubmitted(), settings.warmUp().toNanos());
        Thread t = new Thread(w, "warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** The context an input starts with. */
    public InputContext inputContext(String inputId, DecodeOptions decodeOptions) {
        return new InputContext() {
            @Override public String inputId() { return inputId; }
            @Override public Source openSource(SourceSpec spec) {
                return new PipelineSource(spec, inputId, settings, gate, work, fanOut);
            }
            @Override public DecodeOptions decodeOptions() { return decodeOptions; }
            @Override public MeterRegistry meters() { return metrics.registry(); }
            @Override public Path dataDir() { return ownedDir("inputs", inputId); }
            @Override public HeldBytes heldBytes() { return held; }
            /** Asks the chain in use now: a reload's new kubernetes_metadata watch answers from then on. */
            @Override public PodLookup pods() { return (ns, name, uid) -> transforms.pods().annotations(ns, name, uid); }
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

    /**
     * Installs the observer of routed batches, or removes it with null (see {@link RouteTap}). When
     * none is installed the router pays one volatile read per batch.
     */
    public void tap(RouteTap observer) {
        fanOut.tap(observer);
        deadLetters.tap(observer);
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
        for (SinkRunner s : allSinks()) out.add(s.liveness(wedgedAfterNanos));
        return out;
    }

    /**
     * Health of the worker pool and of every sink and its buffer, as they run now (inputs report
     * their own). See {@link SinkRunner#health()} and {@link SinkRunner#bufferHealth()}.
     */
    public List<ComponentHealth> health() {
        List<ComponentHealth> out = new ArrayList<>();
        out.add(workerHealth());
        for (SinkRunner s : allSinks()) {
            s.degradedAfter(degradedAfter);
            out.add(s.health());
            out.add(s.bufferHealth());
        }
        return out;
    }

    private ComponentHealth workerHealth() {
        long alive = workers.stream().filter(Thread::isAlive).count();
        Map<String, Object> data = Map.of("workers", workers.size(), "alive", alive, "inflight_bytes", gate.used());
        if (!stopped && alive < workers.size()) {
            return ComponentHealth.failing("pipeline.workers", (workers.size() - alive) + " worker thread(s) died", data);
        }
        return batchFailures.health("pipeline.workers", data, ComponentHealth.ok("pipeline.workers", data));
    }

    /** How long an output may retry before its health says Degraded (default 2 min). */
    private volatile Duration degradedAfter = Duration.ofMinutes(2);

    public void degradedAfterRetrying(Duration retrying) {
        this.degradedAfter = retrying;
    }

    public List<SinkRunner> sinks() {
        return fanOut.sinks();
    }

    /**
     * Hot reload of routes, outputs and normalization, as one reload diff says, in one step:
     * {@link #prepare} then {@link Reconfiguration#commit}.
     *
     * @param outputs one change per output of the new configuration, in its order
     */
    public void reconfigure(NormalizeSettings normalize, List<Route> routes, List<OutputChange> outputs)
            throws Exception {
        prepare(outputs).commit(normalize, routes, transforms);
    }

    /**
     * The first half of a reload: starts every {@link OutputChange.Start} output (connecting) without
     * routing anything to it yet. When one fails, those already started are closed and the exception
     * is thrown: the running pipeline is unchanged. The caller then prepares whatever else the reload
     * needs (inputs) and either {@link Reconfiguration#commit commits} or {@link Reconfiguration#abandon
     * abandons} the whole.
     *
     * @param outputs one change per output of the new configuration, in its order
     */
    public synchronized Reconfiguration prepare(List<OutputChange> outputs) throws Exception {
        Map<String, SinkRunner> running = new LinkedHashMap<>();
        for (SinkRunner s : fanOut.sinks()) running.put(s.id(), s);
        Reconfiguration r = new Reconfiguration(running);
        Set<String> kept = new HashSet<>();
        for (OutputChange c : outputs) if (c instanceof OutputChange.Keep) kept.add(c.id());
        for (OutputChange c : outputs) {
            if (c instanceof OutputChange.Keep && !running.containsKey(c.id())) {
                throw new IllegalArgumentException("output " + c.id() + " is not running, cannot keep it");
            }
        }
        // before any successor registers its gauges (a registry returns the existing gauge for the same name and tags)
        for (SinkRunner s : running.values()) if (!kept.contains(s.id())) { s.unregisterGauges(); r.gaugesMoved.add(s); }
        try {
            for (OutputChange change : outputs) {
                SinkRunner existing = running.get(change.id());
                if (change instanceof OutputChange.Keep) {
                    r.next.add(existing);
                    continue;
                }
                OutputChange.Start start = (OutputChange.Start) change;
                boolean takeOver = start.takeOverBuffer() && existing != null;
                // taking over: the new runner continues with the old buffer; otherwise the old runner drains its own
                SinkRunner fresh = takeOver ? SinkRunner.sharingBuffer(existing, start.output(), start.common())
                        : newRunner(start.id(), start.output(), start.common());
                r.fresh.add(fresh);
                if (!takeOver) r.ownBuffer.add(fresh);
                fresh.output().start(outputContext(fresh.id()));
                if (takeOver) r.handingOver.add(existing);
                r.next.add(fresh);
            }
        } catch (Exception | Error ex) {
            r.abandon(); // nothing was handed over or switched yet: the running pipeline is unchanged
            throw ex;
        }
        return r;
    }

    /** New outputs started but not routed to: {@link #commit} switches to them, {@link #abandon} undoes them. */
    public final class Reconfiguration {
        private final Map<String, SinkRunner> running;
        private final List<SinkRunner> next = new ArrayList<>();
        private final List<SinkRunner> fresh = new ArrayList<>();
        private final List<SinkRunner> ownBuffer = new ArrayList<>();
        private final List<SinkRunner> handingOver = new ArrayList<>();
        private final List<SinkRunner> gaugesMoved = new ArrayList<>();
        private boolean done;

        private Reconfiguration(Map<String, SinkRunner> running) {
            this.running = running;
        }

        /**
         * Switches: predecessors hand their buffers over, the new runners start, the new routes,
         * normalization and transforms take effect from the next batch, and running outputs that are
         * no longer named stop taking events, deliver what they have, and close. Nothing routed
         * before the switch is lost.
         */
        public void commit(NormalizeSettings normalize, List<Route> routes, TransformChain chain) {
            synchronized (Pipeline.this) {
                if (done) throw new IllegalStateException("reconfiguration already committed or abandoned");
                done = true;
                for (SinkRunner previous : handingOver) previous.handOver();
                for (SinkRunner s : fresh) s.start();
                normalizer = new Normalizer(normalize);
                fanOut.switchTo(new Router(routes, next.stream().map(SinkRunner::id).toList()), next);
                // after the outputs: a new throttle may send its excess to an output this reload added
                transforms = chain;
                for (SinkRunner old : running.values()) {
                    if (!next.contains(old)) retire(old);
                }
                LOG.info("reconfigured: outputs {} (started {})", next.stream().map(SinkRunner::id).toList(),
                        fresh.stream().map(SinkRunner::id).toList());
            }
        }

        /** Closes the outputs started for it; the running ones keep their buffers, gauges and routes. */
        public void abandon() {
            synchronized (Pipeline.this) {
                if (done) return;
                done = true;
                for (SinkRunner s : fresh) {
                    s.unregisterGauges();
                    closeQuietly(s);
                }
                for (SinkRunner s : ownBuffer) s.closeBuffer();
                for (SinkRunner s : gaugesMoved) s.registerGauges();
            }
        }
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

    /**
     * Hot reload of {@code transforms:}: workers use the new chain from their next batch (its
     * per-key state starts afresh). Call after {@link #reconfigure}, so the outputs a transform
     * diverts to exist; an event diverted to an output that is gone is counted as unrouted.
     */
    public void transforms(TransformChain chain) {
        TransformChain old = this.transforms;
        this.transforms = chain;
        // a worker still on its batch may use the old chain once more: closed transforms keep working on what they hold
        if (old != chain) old.close();
    }

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
            for (SinkRunner s : allSinks()) s.abandonRemaining();
        }
        return empty;
    }

    /** Events that shutdown gave up on, per sink. */
    public Map<String, Long> undelivered() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (SinkRunner s : allSinks()) out.put(s.id(), s.undelivered());
        return out;
    }

    /** What each disk-buffered sink kept for the next start, after {@link #close}; sinks that kept nothing are left out. */
    public Map<String, SinkRunner.Kept> keptInDiskBuffers() {
        Map<String, SinkRunner.Kept> out = new LinkedHashMap<>();
        for (SinkRunner s : allSinks()) {
            SinkRunner.Kept k = s.kept();
            if (k.events() > 0 || k.records() > 0) out.put(s.id(), k);
        }
        return out;
    }

    /** Stops workers and sink runners (after {@link #drain}), then closes the outputs. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        work.close();
        for (Thread t : workers) t.interrupt();
        for (Thread t : workers) t.join(5000);
        transforms.close();
        for (SinkRunner s : allSinks()) {
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
        private TransformChain transforms = TransformChain.NONE;
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

        public Builder transforms(TransformChain transforms) {
            this.transforms = transforms;
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
