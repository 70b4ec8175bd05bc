package io.sluice.daemon;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line is a
 * {@code # HELP}, a {@code # TYPE} or a sample; a family's TYPE comes once and before its samples,
 * which are contiguous and named after it (with {@code _bucket}/{@code _sum}/{@code _count} for
 * histograms and summaries); label values are properly escaped; values are floats; no series
 * appears twice; histogram buckets are cumulative and end with {@code +Inf} equal to {@code _count}.
 * Throws {@link IllegalArgumentException} naming the line on any violation.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: (-?\\d+))?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?|Inf|NaN)");

    /** Series key ({@code name{a="1",b="2"}}, labels sorted) to value. */
    final Map<String, Double> series = new LinkedHashMap<>();
    final Map<String, String> types = new HashMap<>();
    /** Histogram series without {@code le} to their buckets (upper bound to cumulative count). */
    private final Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();

    private PrometheusText() {}

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        p.read(text);
        return p;
    }

    private void read(String text) {
        if (!text.endsWith("\n")) throw new IllegalArgumentException("the exposition must end with a line feed");
        String family = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) continue;
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.containsKey(m.group(1))) fail(n, line, "second TYPE for " + m.group(1));
                family = m.group(1);
                types.put(family, m.group(2));
            } else if ((m = HELP.matcher(line)).matches()) {
                if (line.contains("\\") && !m.group(2).matches("(?:[^\\\\]|\\\\[\\\\n])*")) fail(n, line, "bad escape in HELP");
            } else if (line.startsWith("#")) {
                fail(n, line, "a comment line must be # HELP or # TYPE here");
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                if (family == null || !belongs(name, family, types.get(family))) {
                    fail(n, line, "sample outside its family (current family " + family + ")");
                }
                if (!FLOAT.matcher(m.group(3)).matches()) fail(n, line, "value is not a float");
                TreeMap<String, String> labels = labels(m.group(2), n, line);
                String key = name + render(labels);
                if (name.endsWith("_bucket") && "histogram".equals(types.get(family))) {
                    String le = labels.remove("le");
                    if (le == null) fail(n, line, "bucket without le");
                    buckets.computeIfAbsent(name + render(labels), k -> new TreeMap<>())
                            .put(Double.parseDouble(le.replace("Inf", "Infinity")), Double.parseDouble(m.group(3)));
                }
                double v = Double.parseDouble(m.group(3).replace("Inf", "Infinity"));
                if (series.put(key, v) != null) fail(n, line, "duplicate series " + key);
            } else {
                fail(n, line, "not a sample, HELP or TYPE line");
            }
        }
        checkHistograms();
    }

    private static boolean belongs(String name, String family, String type) {
        if (name.equals(family)) return !type.equals("histogram");
        if (type.equals("histogram")) return name.equals(family + "_bucket") || name.equals(family + "_sum") || name.equals(family + "_count");
        if (type.equals("summary")) return name.equals(family + "_sum") || name.equals(family + "_count");
        return false;
    }

    private static TreeMap<String, String> labels(String body, int n, String line) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (body == null || body.isEmpty()) return sorted;
        Matcher m = LABEL.matcher(body);
        int at = 0;
        while (at < body.length()) {
            if (!m.find(at) || m.start() != at) fail(n, line, "malformed label set at: " + body.substring(at));
            if (sorted.put(m.group(1), m.group(2)) != null) fail(n, line, "label " + m.group(1) + " twice");
            at = m.end();
        }
        return sorted;
    }

    private static String render(TreeMap<String, String> labels) {
        if (labels.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("{");
        labels.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"'));
        return sb.append('}').toString();
    }

    private void checkHistograms() {
        for (var b : buckets.entrySet()) {
            double prev = 0;
            for (double v : b.getValue().values()) {
                if (v < prev) throw new IllegalArgumentException(b.getKey() + ": buckets are not cumulative");
                prev = v;
            }
            Double inf = b.getValue().get(Double.POSITIVE_INFINITY);
            if (inf == null) throw new IllegalArgumentException(b.getKey() + ": no +Inf bucket");
            String count = b.getKey().replaceFirst("_bucket", "_count");
            if (!inf.equals(series.get(count))) throw new IllegalArgumentException(b.getKey() + ": +Inf bucket differs from " + count);
        }
    }

    private static void fail(int n, String line, String why) {
        throw new IllegalArgumentException("line " + n + ": " + why + ": " + line);
    }

    /** The value of one series, labels given as name, value pairs; 0 when absent (an untouched counter). */
    double value(String name, String... labels) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) sorted.put(labels[i], labels[i + 1]);
        return series.getOrDefault(name + render(sorted), 0.0);
    }
}
