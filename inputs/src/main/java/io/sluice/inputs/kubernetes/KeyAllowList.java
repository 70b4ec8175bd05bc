package io.sluice.inputs.kubernetes;

import io.sluice.api.event.KubernetesMetadata;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which label or annotation keys are kept: exact keys and globs with {@code *} (any run of
 * characters, including {@code /} and {@code .}), e.g. {@code app}, {@code app.kubernetes.io/*}, {@code *}.
 * Runs on the watch thread once per pod version, never per event.
 */
final class KeyAllowList {
    private final List<String> patterns;

    KeyAllowList(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean allows(String key) {
        for (String p : patterns) if (matches(p, key)) return true;
        return false;
    }

    /** The allowed entries, keys as schema v1 keeps them ({@link KubernetesMetadata#keyOf}: {@code .} as {@code _}). */
    Map<String, String> filter(Map<String, String> all) {
        if (all == null || all.isEmpty() || patterns.isEmpty()) return Map.of();
        Map<String, String> kept = new TreeMap<>();
        all.forEach((k, v) -> {
            if (allows(k)) kept.put(KubernetesMetadata.keyOf(k), v);
        });
        return kept;
    }

    /** Glob match with {@code *} only: the literal pieces in order, the first at the start, the last at the end. */
    static boolean matches(String pattern, String key) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) return pattern.equals(key);
        if (!key.startsWith(parts[0])) return false;
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = key.indexOf(parts[i], at);
            if (found < 0) return false;
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return key.length() - at >= last.length() && key.endsWith(last);
    }
}
