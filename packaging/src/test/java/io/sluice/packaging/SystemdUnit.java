package io.sluice.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read as systemd reads it: {@code [Section]} headers, {@code Key=Value}
 * lines, {@code #} and {@code ;} comments, backslash continuations, repeated keys kept in order.
 */
record SystemdUnit(Map<String, Map<String, List<String>>> sections) {
    static SystemdUnit parse(String text) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        StringBuilder pending = new StringBuilder();
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#") || line.startsWith(";"))) continue;
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String full = pending.append(line).toString().strip();
            pending.setLength(0);
            if (full.startsWith("[")) {
                if (!full.endsWith("]")) throw new IllegalArgumentException("line " + number + ": bad section header " + full);
                current = sections.computeIfAbsent(full.substring(1, full.length() - 1), k -> new LinkedHashMap<>());
                continue;
            }
            int eq = full.indexOf('=');
            if (current == null || eq <= 0) throw new IllegalArgumentException("line " + number + ": not Key=Value in a section: " + full);
            current.computeIfAbsent(full.substring(0, eq).strip(), k -> new ArrayList<>()).add(full.substring(eq + 1).strip());
        }
        return new SystemdUnit(sections);
    }

    /** The value that takes effect (the last assignment), or null when the key is absent. */
    String get(String section, String key) {
        List<String> values = sections.getOrDefault(section, Map.of()).get(key);
        return values == null ? null : values.get(values.size() - 1);
    }
}
