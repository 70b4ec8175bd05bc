package io.sluice.daemon.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code sluice top} draws, from two successive scrapes and the health report: per input
 * events/s and bytes/s in; per output events/s and bytes/s out, retries/s, drops, buffer fill,
 * circuit and health. Plain text lines, so the terminal code only paints them.
 */
public final class TopView {
    private static final String[] CIRCUIT = {"closed", "open", "half-open"};

    private TopView() {}

    /**
     * @param before the previous scrape, or null for the first (rates show as 0)
     * @param health component name → Healthy/Degraded/Unhealthy, from {@code /health}
     */
    public static List<String> render(String source, MetricsSample before, MetricsSample now, Map<String, String> health) {
        double seconds = before == null ? 0 : (now.takenNanos - before.takenNanos) / 1e9;
        List<String> lines = new ArrayList<>();
        lines.add("sluice top — " + source + "   (q to quit)");
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%-20s %12s %12s %10s %-10s", "INPUT", "EVENTS/S", "BYTES/S", "TOTAL", "HEALTH"));
        for (String in : now.labelValues("sluice_events_in_total", "input")) {
            lines.add(String.format(Locale.ROOT, "%-20s %12s %12s %10s %-10s", in,
                    rate(before, now, seconds, "sluice_events_in_total", "input", in),
                    rate(before, now, seconds, "sluice_bytes_in_total", "input", in),
                    human(now.sum("sluice_events_in_total", "input", in)), health.getOrDefault("input." + in, "-")));
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%-20s %12s %12s %10s %10s %8s %-10s %-10s",
                "OUTPUT", "EVENTS/S", "BYTES/S", "RETRIES/S", "DROPPED", "BUFFER", "CIRCUIT", "HEALTH"));
        for (String out : now.labelValues("sluice_buffer_max_bytes", "output")) {
            double max = now.sum("sluice_buffer_max_bytes", "output", out);
            double fill = max == 0 ? 0 : now.sum("sluice_buffer_bytes", "output", out) / max;
            int circuit = (int) now.sum("sluice_sink_circuit_state", "output", out);
            lines.add(String.format(Locale.ROOT, "%-20s %12s %12s %10s %10s %7.1f%% %-10s %-10s", out,
                    rate(before, now, seconds, "sluice_events_out_total", "output", out),
                    rate(before, now, seconds, "sluice_bytes_out_total", "output", out),
                    rate(before, now, seconds, "sluice_sink_retries_total", "output", out),
                    human(now.sum("sluice_events_dropped_total", "component", "output." + out)),
                    fill * 100, circuit >= 0 && circuit < CIRCUIT.length ? CIRCUIT[circuit] : "?",
                    health.getOrDefault("output." + out, "-")));
        }
        return lines;
    }

    private static String rate(MetricsSample before, MetricsSample now, double seconds, String metric, String key, String value) {
        if (before == null || seconds <= 0) return "0";
        double delta = now.sum(metric, key, value) - before.sum(metric, key, value);
        return human(Math.max(0, delta) / seconds);
    }

    /** 1234 → 1.2k, 5600000 → 5.6M: columns stay narrow. */
    static String human(double v) {
        if (v < 1000) return String.format(Locale.ROOT, "%.0f", v);
        if (v < 1_000_000) return String.format(Locale.ROOT, "%.1fk", v / 1000);
        if (v < 1_000_000_000) return String.format(Locale.ROOT, "%.1fM", v / 1_000_000);
        return String.format(Locale.ROOT, "%.1fG", v / 1_000_000_000);
    }
}
