package io.sluice.daemon.tap;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of {@code GET /tap}: which events ({@code input}, {@code sink}, both optional; sink
 * {@code dead_letter} taps refused events), every how many ({@code sample}), how many at most
 * ({@code limit}) and for how long at most ({@code seconds}).
 */
public record TapRequest(String input, String sink, int sample, int limit, Duration maxDuration) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 100_000;
    public static final int DEFAULT_SECONDS = 60;
    public static final int MAX_SECONDS = 3600;
    private static final Set<String> KNOWN = Set.of("input", "sink", "sample", "limit", "seconds");

    /** Parses query parameters; throws {@link IllegalArgumentException} with a message for the client. */
    public static TapRequest parse(Map<String, List<String>> params) {
        for (String k : params.keySet()) {
            if (!KNOWN.contains(k)) {
                throw new IllegalArgumentException("unknown parameter '" + k + "'; /tap takes input, sink, sample, limit and seconds");
            }
        }
        return new TapRequest(one(params, "input"), one(params, "sink"),
                number(params, "sample", 1, 1, Integer.MAX_VALUE),
                number(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                Duration.ofSeconds(number(params, "seconds", DEFAULT_SECONDS, 1, MAX_SECONDS)));
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty() || v.get(0).isEmpty()) return null;
        if (v.size() > 1) throw new IllegalArgumentException(name + ": give it once");
        return v.get(0);
    }

    private static int number(Map<String, List<String>> params, String name, int dflt, int min, int max) {
        String v = one(params, name);
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }
}
