package io.sluice.daemon.observability;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sluice.daemon.observability.PromQuery.RATE_INTERVAL;

/**
 * Sluice's Grafana dashboard and Prometheus alert rules, written against the metric names the
 * daemon exports ({@code GET /metrics}); {@code sluice dashboards --out DIR} writes them, and the
 * copies shipped in the distribution ({@code packaging/observability/}) are checked to equal them.
 */
public final class SluiceObservability {
    public static final String DASHBOARD_FILE = "sluice-dashboard.json";
    public static final String RULES_FILE = "sluice-alerts.yaml";

    private SluiceObservability() {}

    private static PromQuery q(String expr, String legend) {
        return new PromQuery(expr, legend);
    }

    private static String rate(String metric, String by) {
        return "sum by (" + by + ") (rate(" + metric + "[" + RATE_INTERVAL + "]))";
    }

    public static GrafanaDashboard dashboard() {
        return new GrafanaDashboard("Sluice", "sluice-overview")
                .row("Throughput",
                        Panel.of("Events in per input", "short", "Events read per second, by input.",
                                q(rate("sluice_events_in_total", "input"), "{{input}}")),
                        Panel.of("Events out per output", "short", "Events delivered per second, by output. In rising while out stays flat: a sink is stuck.",
                                q(rate("sluice_events_out_total", "output"), "{{output}}")),
                        Panel.of("Bytes in per input", "Bps", "Bytes read per second, by input.",
                                q(rate("sluice_bytes_in_total", "input"), "{{input}}")),
                        Panel.of("Bytes out per output", "Bps", "JSON bytes delivered per second, by output.",
                                q(rate("sluice_bytes_out_total", "output"), "{{output}}")))
                .row("Loss",
                        Panel.of("Dropped events by reason", "short", "Events lost on purpose (drop_newest buffers, UDP overflow, unrouted). 0 unless you chose to drop.",
                                q(rate("sluice_events_dropped_total", "component, reason"), "{{component}} {{reason}}")),
                        Panel.of("Dead letters by stage and type", "short", "Events refused with a reason; read the dead-letter output for why.",
                                q(rate("sluice_events_dead_lettered_total", "stage, type"), "{{stage}} {{type}}")))
                .row("Sinks",
                        Panel.of("Retries per output", "short", "Failed sends being retried per second.",
                                q(rate("sluice_sink_retries_total", "output"), "{{output}}")),
                        Panel.of("Circuit state per output", "short", "0 closed, 1 open (failing; events wait), 2 half-open (probing).",
                                q("max by (output) (sluice_sink_circuit_state)", "{{output}}")),
                        Panel.of("Send duration p99 per output", "s", "How long one batch send takes.",
                                q("histogram_quantile(0.99, " + rate("sluice_sink_send_seconds_bucket", "output, le") + ")", "{{output}}")),
                        Panel.of("End-to-end latency p50 / p99 per output", "s", "From an event's arrival to its delivery.",
                                q("histogram_quantile(0.5, " + rate("sluice_sink_end_to_end_seconds_bucket", "output, le") + ")", "p50 {{output}}"),
                                q("histogram_quantile(0.99, " + rate("sluice_sink_end_to_end_seconds_bucket", "output, le") + ")", "p99 {{output}}")))
                .row("Buffers",
                        Panel.of("Buffer fill per output", "percentunit", "Buffered bytes over buffer.max_bytes. Above 80% the output is Degraded, above 90% Unhealthy.",
                                q("sum by (output) (sluice_buffer_bytes) / sum by (output) (sluice_buffer_max_bytes)", "{{output}}")),
                        Panel.of("In-flight bytes", "percentunit", "Bytes between inputs and sink buffers over the limit; at 100% inputs are pushed back.",
                                q("sum(sluice_pipeline_inflight_bytes) / sum(sluice_pipeline_inflight_limit_bytes)", "in flight")),
                        Panel.of("Disk buffer use per output", "bytes", "Bytes appended to a disk buffer and not yet acknowledged.",
                                q("sum by (output) (sluice_buffer_disk_bytes)", "{{output}}")),
                        Panel.of("Disk buffer damage per output", "short", "Damaged ranges found and bytes skipped (kept in quarantine); see sluice buffer inspect.",
                                q("sum by (output, kind) (increase(sluice_buffer_disk_damage_total[" + RATE_INTERVAL + "]))", "{{output}} {{kind}}"),
                                q("sum by (output) (increase(sluice_buffer_disk_damaged_bytes_total[" + RATE_INTERVAL + "]))", "{{output}} bytes")))
                .row("Inputs",
                        Panel.of("Checkpoint lag (file inputs)", "bytes", "Bytes written to tailed files and not yet checkpointed.",
                                q("max by (input) (sluice_input_checkpoint_lag_bytes)", "{{input}}")),
                        Panel.of("Consumer lag (Kafka inputs)", "short", "Records of the assigned partitions not yet consumed.",
                                q("sum by (input) (sluice_input_kafka_lag_records)", "{{input}}")))
                .row("Health",
                        Panel.of("Health per component", "short", "0 Healthy, 1 Degraded, 2 Unhealthy; GET /health says why.",
                                q("sum by (component) (sluice_component_health{status=\"Degraded\"}) + 2 * sum by (component) (sluice_component_health{status=\"Unhealthy\"})", "{{component}}")))
                .row("JVM",
                        Panel.of("Heap used and max", "bytes", "Heap close to -Xmx means the heap is too small for the configured buffers.",
                                q("sum(jvm_memory_used_bytes{area=\"heap\"})", "used"),
                                q("sum(jvm_memory_max_bytes{area=\"heap\"})", "max")),
                        Panel.of("GC pause time per second", "s", "Time spent in GC pauses; long pauses stall the pipeline.",
                                q(rate("jvm_gc_pause_seconds_sum", "gc"), "{{gc}}")));
    }

    public static List<AlertRule> alerts() {
        return List.of(
                new AlertRule("SluiceEventsDropped",
                        "sum by (instance, component, reason) (increase(sluice_events_dropped_total[5m])) > 0",
                        Duration.ZERO, "warning",
                        "Sluice {{ $labels.instance }} dropped events at {{ $labels.component }} ({{ $labels.reason }})",
                        "Events were lost on purpose: a drop_newest buffer was full, a UDP socket overflowed or events matched no route. The sink is not keeping up, or the buffer is too small."),
                new AlertRule("SluiceDeadLettersRising",
                        "sum by (instance, stage, type) (rate(sluice_events_dead_lettered_total[10m])) > 0",
                        Duration.ofMinutes(15), "warning",
                        "Sluice {{ $labels.instance }} keeps dead-lettering events at {{ $labels.stage }} ({{ $labels.type }})",
                        "Events are refused with a reason for 15 minutes. Read the dead-letter output (or GET /tap?sink=dead_letter) for why; fix and sluice replay."),
                new AlertRule("SluiceCircuitOpen",
                        "max by (instance, output) (sluice_sink_circuit_state) >= 1",
                        Duration.ofMinutes(5), "critical",
                        "Sluice {{ $labels.instance }}: the circuit of output {{ $labels.output }} has been open for 5 minutes",
                        "The sink keeps failing; events wait in its buffer. GET /health names the error: address, DNS, credentials, TLS trust or the service's health."),
                new AlertRule("SluiceBufferAbove80Percent",
                        "sum by (instance, output) (sluice_buffer_bytes) / sum by (instance, output) (sluice_buffer_max_bytes) > 0.8",
                        Duration.ofMinutes(5), "warning",
                        "Sluice {{ $labels.instance }}: the buffer of output {{ $labels.output }} is above 80%",
                        "The sink is slower than the input. Give it more capacity (concurrency, larger batches) or a bigger buffer; when full, inputs are pushed back or events dropped."),
                new AlertRule("SluiceCheckpointLagGrowing",
                        "deriv(sluice_input_checkpoint_lag_bytes[15m]) > 0 and sluice_input_checkpoint_lag_bytes > 0",
                        Duration.ofMinutes(15), "warning",
                        "Sluice {{ $labels.instance }}: input {{ $labels.input }} falls further behind its files",
                        "Checkpoint lag has grown for 15 minutes: the pipeline reads slower than the files are written, or a sink holds acknowledgements back."),
                new AlertRule("SluiceConsumerLagGrowing",
                        "deriv(sluice_input_kafka_lag_records[15m]) > 0 and sluice_input_kafka_lag_records > 0",
                        Duration.ofMinutes(15), "warning",
                        "Sluice {{ $labels.instance }}: Kafka input {{ $labels.input }} falls further behind",
                        "Consumer lag has grown for 15 minutes: add instances (partitions allow), or find the slow sink."),
                new AlertRule("SluiceNotReady",
                        "max by (instance, component) (sluice_component_health{status=\"Unhealthy\"}) == 1",
                        Duration.ofMinutes(5), "critical",
                        "Sluice {{ $labels.instance }} is not ready: {{ $labels.component }} is Unhealthy",
                        "GET /health/ready answers 503 and the orchestrator takes the instance out of rotation. GET /health says why; docs/operations.md lists what to do."));
    }

    /** Every file, by name, as {@code sluice dashboards} writes it. */
    public static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(DASHBOARD_FILE, dashboard().json());
        files.put(RULES_FILE, PrometheusRules.yaml("sluice", alerts()));
        return files;
    }
}
