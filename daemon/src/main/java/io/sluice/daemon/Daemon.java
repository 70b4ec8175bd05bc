package io.sluice.daemon;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.PrometheusProperties;
import io.sluice.config.InputConfig;
import io.sluice.config.OutputConfig;
import io.sluice.config.PipelineConfig;
import io.sluice.config.TransformConfig;
import io.sluice.core.health.ComponentHealth;
import io.sluice.core.health.HealthRegistry;
import io.sluice.core.pipeline.OutputChange;
import io.sluice.core.pipeline.Pipeline;
import io.sluice.core.pipeline.SinkRunner;
import io.sluice.api.plugin.Input;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.daemon.admin.AdminAccess;
import io.sluice.daemon.admin.AdminLimits;
import io.sluice.daemon.admin.AdminServer;
import io.sluice.daemon.admin.HealthReport;
import io.sluice.daemon.tap.TapHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wires a validated {@link PipelineConfig} into a running pipeline: outputs first (so nothing read
 * has nowhere to go), then the admin endpoint, then inputs. Stops in one sequence: inputs stop
 * reading (keeping their connections and threads), everything read drains through the pipeline and
 * sinks within the shutdown timeout, then the inputs' transports are torn down and the sinks close;
 * what could not be delivered is reported with counts.
 */
public final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private volatile PipelineConfig config;
    private final PrometheusMeterRegistry meters = prometheusRegistry();
    private final Map<String, Input> inputs = new java.util.concurrent.ConcurrentHashMap<>();
    private Pipeline pipeline;
    private final HealthRegistry health = new HealthRegistry(meters);
    /** Why the last reload failed; null when it succeeded (or none was tried). */
    private volatile String reloadFailure;
    private AdminServer admin;
    private InetSocketAddress adminAddress;
    private volatile boolean started;
    private volatile boolean stopping;

    public Daemon(PipelineConfig config) {
        this.config = config;
    }

    public void start() throws Exception {
        pipeline = PipelineAssembly.build(config, meters);
        // first: the warm-up uses the other core while this thread starts the outputs, the admin endpoint and the inputs
        if (!config.tuning().warmUp().isZero()) pipeline.warmUp(WarmUpSources.of(config, pipeline));
        pipeline.start();
        health.registerGroup("pipeline", Set.of(HealthRegistry.DELIVERY), pipeline::health);
        health.register("config.reload", Set.of(), this::reloadHealth);
        reloads("success"); // both series exist from the start, at 0, for alert rules
        reloads("failure");

        if (config.adminListen() != null) {
            AdminAccess access = AdminAccess.of(config.adminTokenFile(), config.adminListen());
            if (access.exposedWithoutToken()) {
                LOG.warn("the admin endpoint listens on {} beyond loopback without admin.token_file: /metrics is open to "
                        + "the network and /tap is refused there; set admin.token_file to protect both",
                        config.adminListen().getHostString());
            }
            TapHub taps = new TapHub(this::pipeline, inputs::keySet, meters, AdminLimits.DEFAULT.maxTaps());
            health.register(TapHub.COMPONENT, Set.of(), taps::health);
            admin = new AdminServer(Map.of("/health", () -> HealthReport.full(health.run()), "/health/live", this::live,
                    "/health/ready", this::ready, "/metrics", this::metrics), taps, access, AdminLimits.DEFAULT);
            adminAddress = admin.start(config.adminListen());
            LOG.info("admin endpoint listening on http://{}:{} (/health, /health/live, /health/ready, /metrics, /tap)",
                    adminAddress.getHostString(), adminAddress.getPort());
        }

        for (InputConfig ic : config.inputs().values()) startInput(ic);
        started = true;
        LOG.info("pipeline started from {}: inputs {}, outputs {}", config.source(), inputs.keySet(),
                config.outputs().keySet());
        bindJvmMetrics();
    }

    /**
     * The JVM's memory, GC, thread and CPU gauges, bound once the pipeline runs: they start the JMX
     * platform beans (~50 ms of the main thread) and nothing on the delivery path reads them, so ready
     * does not wait for them (docs/performance.md, "Session 7: start-up").
     */
    private void bindJvmMetrics() {
        new JvmMemoryMetrics().bindTo(meters);
        new GcMeters().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorGauges().bindTo(meters);
    }

    /**
     * The registry /metrics exposes. prometheus-metrics looks for an optional {@code prometheus.properties}
     * through the context class loader, and looking up a name no jar has opens every jar of the class
     * path (~100 ms at start, docs/performance.md "Session 7: start-up"). Sluice ships no such file, so the
     * lookup is made in the JDK's own modules; a file named by {@code -Dprometheus.config} or
     * {@code PROMETHEUS_CONFIG} is still read.
     */
    private static PrometheusMeterRegistry prometheusRegistry() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            PrometheusProperties.get();
            return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void startInput(InputConfig ic) throws Exception {
        Input input = ic.create();
        input.start(pipeline.inputContext(ic.id(), PipelineAssembly.decodeOptions(config, ic)));
        adopt(ic.id(), input);
    }

    /** Makes a started input part of the running pipeline: listed, and checked by readiness. */
    private void adopt(String id, Input input) {
        inputs.put(id, input);
        String name = "input." + id;
        health.register(name, Set.of(HealthRegistry.DELIVERY), () -> inputHealth(name, input));
    }

    /** Failing until it accepts data; Degraded while the input says why (e.g. the kernel dropped datagrams). */
    private static ComponentHealth inputHealth(String name, Input input) {
        if (!input.isReady()) return ComponentHealth.failing(name, "not accepting data yet");
        String degraded = input.degradedBecause();
        return degraded == null ? ComponentHealth.ok(name) : ComponentHealth.degraded(name, degraded, Map.of());
    }

    /** Stops reading, waits, and tears the input down; what it read is already in the pipeline. */
    private static void stopAndClose(String id, Input in, Duration timeout) throws InterruptedException {
        in.stop();
        if (!in.awaitStop(timeout)) LOG.warn("reload: input {} did not stop in time", id);
        in.close();
    }

    /**
     * Applies a new, already validated configuration while running (SIGHUP or a watched file), as
     * the {@link ReloadDiff} of the running and the new configuration says, all or nothing. First
     * everything new is prepared: added and changed outputs start (connecting) and added and changed
     * inputs bind their listeners and open their files (a changed input's predecessor stops first,
     * as they may share a port), holding what they read. Only when all of that worked does the
     * switch happen: new routes, outputs, normalization and transforms take effect, the new inputs'
     * held data flows, removed inputs stop, and replaced and removed outputs deliver what they hold,
     * then close. When anything fails, what was prepared is closed, the stopped predecessors start
     * again, and the previous pipeline keeps running; the failure is logged, counted
     * ({@code sluice_config_reloads_total{result="failure"}}) and shown as Degraded by the
     * {@code config.reload} health check until a reload succeeds. Settings that need a restart
     * (data_dir, admin, pipeline sizes, dead_letter) are reported and left as they were.
     */
    public synchronized void reload(PipelineConfig next) throws Exception {
        try {
            apply(next);
        } catch (Exception | Error e) {
            reloadFailed(e.toString());
            throw e;
        }
        reloadFailure = null;
        reloads("success").increment();
    }

    private void apply(PipelineConfig next) throws Exception {
        PipelineConfig current = config;
        ReloadDiff diff = ReloadDiff.between(current, next);
        if (!diff.restartOnly().isEmpty()) {
            LOG.warn("reload: changes to {} take effect only after a restart; they are left as they were",
                    diff.restartOnly());
        }
        List<OutputChange> outputs = new ArrayList<>();
        for (OutputConfig o : next.outputs().values()) {
            ReloadDiff.OutputDiff d = diff.output(o.id());
            outputs.add(d.change() == ReloadDiff.Change.UNCHANGED ? new OutputChange.Keep(o.id())
                    : new OutputChange.Start(o.id(), o.create(), o.options(), d.bufferUnchanged()));
        }
        var transforms = TransformConfig.chain(next.transforms(), meters);
        Pipeline.Reconfiguration outputsReady = pipeline.prepare(outputs);

        Map<String, Input> stoppedPredecessors = new LinkedHashMap<>();
        Map<String, Input> prepared = new LinkedHashMap<>();
        Map<String, HeldInputContext> held = new LinkedHashMap<>();
        try {
            for (InputConfig ic : next.inputs().values()) {
                ReloadDiff.Change change = diff.input(ic.id());
                if (change != ReloadDiff.Change.ADDED && change != ReloadDiff.Change.CHANGED) continue;
                Input old = inputs.get(ic.id());
                if (old != null) {
                    stopAndClose(ic.id(), old, current.shutdownTimeout());
                    stoppedPredecessors.put(ic.id(), old);
                }
                HeldInputContext context = new HeldInputContext(pipeline.inputContext(ic.id(),
                        PipelineAssembly.decodeOptions(next, ic)));
                Input input = ic.create();
                held.put(ic.id(), context);
                prepared.put(ic.id(), input);
                input.start(context);
            }
        } catch (Exception | Error e) {
            LOG.error("reload failed while starting its inputs, nothing of it is applied: {}", e.toString());
            for (var p : prepared.entrySet()) {
                p.getValue().stop();
                held.get(p.getKey()).discard();
                try {
                    stopAndClose(p.getKey(), p.getValue(), current.shutdownTimeout());
                } catch (Exception | Error closing) {
                    LOG.warn("reload: input {} failed to close: {}", p.getKey(), closing.toString());
                }
            }
            outputsReady.abandon();
            for (String id : stoppedPredecessors.keySet()) restartPredecessor(current.inputs().get(id));
            throw e;
        }

        outputsReady.commit(next.normalize(), next.routes(), transforms);
        config = next;
        for (var p : prepared.entrySet()) {
            health.unregister("input." + p.getKey());
            adopt(p.getKey(), p.getValue());
            held.get(p.getKey()).release();
        }
        for (var e : diff.inputs().entrySet()) {
            if (e.getValue() != ReloadDiff.Change.REMOVED) continue;
            Input in = inputs.remove(e.getKey());
            health.unregister("input." + e.getKey());
            if (in != null) stopAndClose(e.getKey(), in, current.shutdownTimeout());
        }
        LOG.info("reloaded {}: {}", next.source(), diff);
    }

    /** An input stopped for its replacement comes back as it was, the reload having failed. */
    private void restartPredecessor(InputConfig ic) {
        try {
            health.unregister("input." + ic.id());
            inputs.remove(ic.id());
            startInput(ic);
        } catch (Exception | Error e) {
            LOG.error("reload: input {} could not be started again as it was: {}; restart Sluice", ic.id(), e.toString());
        }
    }

    private io.micrometer.core.instrument.Counter reloads(String result) {
        return io.micrometer.core.instrument.Counter.builder("sluice.config.reloads")
                .description("configuration reloads by result: success, or failure (refused as invalid or failed "
                        + "while applied; the previous pipeline kept running)")
                .tag("result", result).register(meters);
    }

    /** A reload was refused or failed: counted, and health says Degraded until the next good one. */
    public void reloadFailed(String why) {
        reloadFailure = why;
        reloads("failure").increment();
    }

    private ComponentHealth reloadHealth() {
        String failure = reloadFailure;
        return failure == null ? ComponentHealth.ok("config.reload", Map.of("source", String.valueOf(config.source())))
                : ComponentHealth.degraded("config.reload", "the last reload failed, the pipeline runs the configuration "
                        + "before it: " + failure, Map.of("source", String.valueOf(config.source())));
    }

    public HealthRegistry health() {
        return health;
    }

    public PipelineConfig config() {
        return config;
    }

    public Map<String, Input> inputs() {
        return inputs;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The admin endpoint's bound address, or null when disabled. */
    public InetSocketAddress adminAddress() {
        return adminAddress;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /**
     * Graceful stop, in one order: inputs stop reading (transports stay up, so releases during the
     * drain still find them), the pipeline drains everything read within the shutdown timeout, then
     * the inputs' transports close, then the sinks. Returns true when every accepted event was delivered.
     */
    public boolean stop() throws InterruptedException {
        if (stopping) return true;
        stopping = true;
        Duration timeout = config.shutdownTimeout();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        LOG.info("stopping: inputs first, then draining buffers for up to {}", timeout);
        for (Input in : inputs.values()) in.stop();
        for (var e : inputs.entrySet()) {
            if (!e.getValue().awaitStop(Duration.ofMillis(Math.max(100, deadline - System.currentTimeMillis())))) {
                LOG.warn("input {} did not stop in time", e.getKey());
            }
        }
        boolean complete = true;
        if (pipeline != null) {
            complete = pipeline.drain(Duration.ofMillis(Math.max(100, deadline - System.currentTimeMillis())));
        }
        closeInputs();
        if (pipeline != null) {
            pipeline.close();
            Map<String, Long> lost = pipeline.undelivered();
            long total = lost.values().stream().mapToLong(Long::longValue).sum();
            if (total > 0) {
                LOG.error("stopped with undelivered events per output {}; memory buffers do not survive a "
                        + "restart: use a disk buffer for these sinks, or a longer shutdown_timeout", lost);
                complete = false;
            } else if (!pipeline.keptInDiskBuffers().isEmpty()) {
                // not lost: the disk buffers deliver them after the next start, so the exit status stays 0
                LOG.warn("stopped: {} events read; not all were delivered: undelivered events stay in disk buffers "
                        + "for the next start ({})", eventsRead(), describeKept(pipeline.keptInDiskBuffers()));
            } else {
                LOG.info("stopped: {} events read; every accepted event was delivered", eventsRead());
            }
        }
        if (admin != null) admin.close();
        return complete;
    }

    /** "output X: R buffer records not yet acknowledged (N events whose sending shutdown gave up); output Y: ..." */
    private static String describeKept(Map<String, SinkRunner.Kept> kept) {
        StringBuilder b = new StringBuilder();
        for (var e : kept.entrySet()) {
            if (b.length() > 0) b.append("; ");
            b.append("output ").append(e.getKey()).append(": ").append(e.getValue().records())
                    .append(" buffer record(s) not yet acknowledged");
            if (e.getValue().events() > 0) {
                b.append(" (").append(e.getValue().events()).append(" events whose sending shutdown gave up)");
            }
        }
        return b.toString();
    }

    private void closeInputs() throws InterruptedException {
        for (var e : inputs.entrySet()) {
            try {
                e.getValue().close();
            } catch (RuntimeException ex) {
                LOG.warn("input {} failed to close cleanly: {}", e.getKey(), ex.toString());
            }
        }
    }

    /** Every event the inputs handed to the pipeline since start (sluice_events_in_total). */
    long eventsRead() {
        return (long) meters.find("sluice.events.in").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private AdminServer.Reply live() {
        if (!started || stopping) {
            return new AdminServer.Reply(started ? 200 : 503, "application/json",
                    "{\"status\":\"" + (started ? "stopping" : "starting") + "\"}\n");
        }
        List<ComponentHealth> parts = pipeline.liveness();
        if (parts.stream().allMatch(ComponentHealth::ready)) {
            return new AdminServer.Reply(200, "application/json", "{\"status\":\"live\"}\n");
        }
        AdminServer.Reply r = HealthReport.readiness(parts);
        return new AdminServer.Reply(503, r.contentType(), r.body().replace("\"not_ready\"", "\"not_live\""));
    }

    /** Ready when no component on the delivery path is Unhealthy; Degraded ones still deliver. */
    private AdminServer.Reply ready() {
        List<ComponentHealth> parts = new ArrayList<>();
        if (!started) parts.add(ComponentHealth.failing("pipeline", "starting: inputs are not open yet"));
        if (stopping) parts.add(ComponentHealth.failing("pipeline", "stopping"));
        for (HealthRegistry.Entry e : health.run().entries()) {
            if (e.tags().contains(HealthRegistry.DELIVERY)) parts.add(e.health());
        }
        return HealthReport.readiness(parts);
    }

    private AdminServer.Reply metrics() {
        health.run(); // sets sluice_component_health to what the checks say now
        return new AdminServer.Reply(200, "text/plain; version=0.0.4; charset=utf-8", meters.scrape());
    }
}
