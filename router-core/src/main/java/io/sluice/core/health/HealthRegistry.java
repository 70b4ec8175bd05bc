package io.sluice.core.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The named health checks of a running daemon (one per input, output, buffer, the worker pool and
 * the config reloader) and the one place that runs them. A check may answer for several components
 * (the pipeline answers for every output and buffer it runs right now, which changes on reload).
 * Every run also sets {@code sluice_component_health{component,status}}: 1 for the component's
 * current status, 0 for the other two, so an alert or a panel can select on either label.
 */
public final class HealthRegistry {
    /** Components tagged so count for readiness: an Unhealthy one there takes the instance out of rotation. */
    public static final String DELIVERY = "delivery";

    /** One component's result with how long its check took and the tags it was registered with. */
    public record Entry(ComponentHealth health, Duration duration, Set<String> tags) {}

    /** Every component's result, in registration order, and how long the whole run took. */
    public record Report(List<Entry> entries, Duration totalDuration) {
        public HealthStatus status() {
            HealthStatus s = HealthStatus.HEALTHY;
            for (Entry e : entries) s = s.worse(e.health().status());
            return s;
        }
    }

    private record Check(Set<String> tags, Supplier<List<ComponentHealth>> components) {}

    private final Map<String, Check> checks = new ConcurrentHashMap<>();
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final MultiGauge gauge;

    public HealthRegistry(MeterRegistry meters) {
        this.gauge = MultiGauge.builder("sluice.component.health")
                .description("1 for the component's current status (Healthy, Degraded, Unhealthy), 0 for the others")
                .register(meters);
    }

    /** A check answering for one component, replacing any earlier check of that name. */
    public void register(String name, Set<String> tags, Supplier<ComponentHealth> check) {
        registerGroup(name, tags, () -> List.of(check.get()));
    }

    /** A check answering for the components it currently has (their number may change between runs). */
    public void registerGroup(String name, Set<String> tags, Supplier<List<ComponentHealth>> checks) {
        if (this.checks.put(name, new Check(Set.copyOf(tags), checks)) == null) order.add(name);
    }

    public void unregister(String name) {
        if (checks.remove(name) != null) order.remove(name);
    }

    /** Runs every check now; a check that throws is reported Unhealthy with its error rather than hiding the rest. */
    public Report run() {
        long start = System.nanoTime();
        List<Entry> entries = new ArrayList<>();
        for (String name : order) {
            Check c = checks.get(name);
            if (c == null) continue;
            long t0 = System.nanoTime();
            List<ComponentHealth> results;
            try {
                results = c.components().get();
            } catch (RuntimeException e) {
                results = List.of(ComponentHealth.failing(name, "health check failed: " + e));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            for (ComponentHealth h : results) entries.add(new Entry(h, took, c.tags()));
        }
        Report report = new Report(entries, Duration.ofNanos(System.nanoTime() - start));
        publish(report);
        return report;
    }

    private void publish(Report report) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Entry e : report.entries()) {
            for (HealthStatus s : HealthStatus.values()) {
                rows.add(MultiGauge.Row.of(Tags.of("component", e.health().component(), "status", s.label()),
                        e.health().status() == s ? 1 : 0));
            }
        }
        gauge.register(rows, true); // overwrite: components removed by a reload disappear from /metrics
    }
}
