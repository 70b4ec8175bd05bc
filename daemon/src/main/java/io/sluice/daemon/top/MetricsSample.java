package io.sluice.daemon.top;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of {@code /metrics}: the value of every {@code sluice_*} series by metric name and
 * labels. Only what {@code sluice top} shows is kept; comments and other families are skipped.
 */
public final class MetricsSample {
    private static final Pattern SAMPLE = Pattern.compile("(sluice_[a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** metric name → (labels → value) */
    private final Map<String, Map<Map<String, String>, Double>> series = new HashMap<>();
    final long takenNanos;

    private MetricsSample(long takenNanos) {
        this.takenNanos = takenNanos;
    }

    public static MetricsSample parse(String exposition, long takenNanos) {
        MetricsSample s = new MetricsSample(takenNanos);
        for (String line : exposition.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) continue;
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) labels.put(l.group(1), l.group(2));
            }
            s.series.computeIfAbsent(m.group(1), k -> new HashMap<>()).put(labels, Double.parseDouble(m.group(3)));
        }
        return s;
    }

    /** Sum of a metric's series whose label {@code key} equals {@code value}, 0 when there are none. */
    public double sum(String metric, String key, String value) {
        double total = 0;
        for (var e : series.getOrDefault(metric, Map.of()).entrySet()) {
            if (value.equals(e.getKey().get(key))) total += e.getValue();
        }
        return total;
    }

    /** The distinct values of label {@code key} across a metric's series, sorted. */
    public java.util.SortedSet<String> labelValues(String metric, String key) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (Map<String, String> labels : series.getOrDefault(metric, Map.of()).keySet()) {
            String v = labels.get(key);
            if (v != null) out.add(v);
        }
        return out;
    }
}
