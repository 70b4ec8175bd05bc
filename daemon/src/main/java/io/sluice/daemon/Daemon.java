package io.sluice.daemon;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.config.InputConfig;
import io.sluice.config.OutputConfig;
import io.sluice.config.PipelineConfig;
import io.sluice.config.TransformConfig;
import io.sluice.core.health.ComponentHealth;
import io.sluice.core.health.HealthRegistry;
import io.sluice.core.pipeline.OutputChange;
import io.sluice.core.pipeline.Pipeline;
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
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
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
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);

        pipeline = PipelineAssembly.build(config, meters);
        pipeline.start();
        health.registerGroup("pipeline", Set.of(HealthRegistry.DELIVERY), pipeline::health);
        health.register("config.reload", Set.of(), this::reloadHealth);

        if (config.adminListen() != null) {
            AdminAccess access = AdminAccess.of(config.adminTokenFile(), config.adminListen());
            if (access.exposedWithoutToken()) {
                LOG.warn("the admin endpoint listens on {} beyond loopback without admin.token_file: /metrics is open to "
                        + "the network and /tap is refused there; set admin.token_file to protect both",
                        config.adminListen().getHostString());
            }
            admin = new AdminServer(Map.of("/health", () -> HealthReport.full(health.run()), "/health/live", this::live,
                    "/health/ready", this::ready, "/metrics", this::metrics),
                    new TapHub(this::pipeline, inputs::keySet, meters, AdminLimits.DEFAULT.maxTaps()), access,
                    AdminLimits.DEFAULT);
            adminAddress = admin.start(config.adminListen());
            LOG.info("admin endpoint listening on http://{}:{} (/health, /health/live, /health/ready, /metrics, /tap)",
                    adminAddress.getHostString(), adminAddress.getPort());
        }

        for (InputConfig ic : config.inputs().values()) startInput(ic);
        started = true;
        LOG.info("pipeline started from {}: inputs {}, outputs {}", config.source(), inputs.keySet(),
                config.outputs().keySet());
    }

    private void startInput(InputConfig ic) throws Exception {
        DecodeOptions decode = PipelineAssembly.decodeOptions(config, ic);
        Input input = ic.create();
        input.start(pipeline.inputContext(ic.id(), decode));
        inputs.put(ic.id(), input);
        String name = "input." + ic.id();
        health.register(name, Set.of(HealthRegistry.DELIVERY), () -> inputHealth(name, input));
    }

    private static ComponentHealth inputHealth(String name, Input input) {
        if (!input.isReady()) return ComponentHealth.failing(name, "not accepting data yet");
        String degraded = input.degradedBecause();
        return degraded == null ? ComponentHealth.ok(name) : ComponentHealth.degraded(name, degraded, Map.of());
    }

    /**
     * Applies a new, already validated configuration while running (SIGHUP or a watched file), as
     * the {@link ReloadDiff} of the running and the new configuration says: unchanged outputs and
     * inputs keep running untouched; added and changed outputs start before the new routes take
     * effect (a changed output with the same buffer continues from its predecessor's buffer);
     * replaced and removed outputs deliver what they already hold, then close; changed and removed
     * inputs stop, then changed and added ones start. Settings that need a restart (data_dir,
     * admin, pipeline sizes, dead_letter) are reported and left as they were.
     */
    public synchronized void reload(PipelineConfig next) throws Exception {
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
        pipeline.reconfigure(next.normalize(), next.routes(), outputs);
        // after the outputs: a new throttle may send its excess to an output this reload added
        pipeline.transforms(TransformConfig.chain(next.transforms(), meters));

        for (var e : diff.inputs().entrySet()) {
            if (e.getValue() != ReloadDiff.Change.CHANGED && e.getValue() != ReloadDiff.Change.REMOVED) continue;
            Input in = inputs.remove(e.getKey());
            health.unregister("input." + e.getKey());
            if (in == null) continue; // it failed to start on an earlier reload
            in.stop();
            if (!in.awaitStop(current.shutdownTimeout())) LOG.warn("reload: input {} did not stop in time", e.getKey());
            in.close(); // what it read is already in the pipeline, which keeps running
        }
        config = next;
        for (InputConfig ic : next.inputs().values()) {
            if (!inputs.containsKey(ic.id())) startInput(ic);
        }
        reloadFailure = null;
        LOG.info("reloaded {}: {}", next.source(), diff);
    }

    /** A reload was refused or failed part way: health says Degraded until the next good one. */
    public void reloadFailed(String why) {
        reloadFailure = why;
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
            } else {
                LOG.info("stopped: {} events read; every accepted event was delivered", eventsRead());
            }
        }
        if (admin != null) admin.close();
        return complete;
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
    private long eventsRead() {
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
