package io.sluice.outputs.file;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.FieldPaths;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A file path with event fields in braces, such as {@code /var/log/sluice/{service.name}.ndjson}.
 *
 * <p>Field values come from the events, that is from whoever can send a log line, so they are made
 * safe before they become part of a path: separators and {@code ..} are replaced, empty or missing
 * values become {@code unknown}, and long values are cut. The rendered file always lies under the
 * directory written before the first brace ({@link #baseDir()}).
 */
final class PathTemplate {
    static final String MISSING = "unknown";
    /** Well under the usual 255-byte name limit even after UTF-8 expansion of a few characters. */
    private static final int MAX_VALUE_CHARS = 100;

    private final String text;
    /** Literal text at even indexes, field readers at odd indexes (as Function). */
    private final List<Object> parts;
    private final Path baseDir;

    private PathTemplate(String text, List<Object> parts, Path baseDir) {
        this.text = text;
        this.parts = parts;
        this.baseDir = baseDir;
    }

    /** Parses a template; throws {@link IllegalArgumentException} with a message for the user. */
    static PathTemplate parse(String text) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                parts.add(text.substring(i));
                break;
            }
            int close = text.indexOf('}', open);
            if (close < 0) throw new IllegalArgumentException("'{' at character " + (open + 1) + " is not closed by '}'");
            String field = text.substring(open + 1, close).trim();
            Function<LogEvent, String> reader = FieldPaths.reader(field);
            if (reader == null) {
                throw new IllegalArgumentException("{" + field + "} is not an event field; use schema v1 fields "
                        + "such as {service.name}, {host.name}, {log.level}, {labels.env} or {attributes.key}");
            }
            parts.add(text.substring(i, open));
            parts.add(reader);
            i = close + 1;
        }
        String prefix = (String) parts.get(0);
        Path base;
        if (parts.size() == 1) {
            base = Path.of(text).toAbsolutePath().normalize().getParent();
        } else {
            int slash = prefix.lastIndexOf('/');
            base = Path.of(slash < 0 ? "." : prefix.substring(0, slash + 1)).toAbsolutePath().normalize();
        }
        return new PathTemplate(text, List.copyOf(parts), base);
    }

    /** True when the path takes values from events (so a batch may go to several files). */
    boolean isTemplated() {
        return parts.size() > 1;
    }

    /** The directory every rendered path lies under. */
    Path baseDir() {
        return baseDir;
    }

    /** The path for one event, as text; {@code sb} is a scratch builder reused between calls. */
    @SuppressWarnings("unchecked")
    String render(LogEvent event, StringBuilder sb) {
        if (!isTemplated()) return text;
        sb.setLength(0);
        for (int p = 0; p < parts.size(); p++) {
            Object part = parts.get(p);
            if (part instanceof String literal) {
                sb.append(literal);
            } else {
                appendSafe(((Function<LogEvent, String>) part).apply(event), sb);
            }
        }
        return sb.toString();
    }

    private static void appendSafe(String value, StringBuilder sb) {
        if (value == null || value.isEmpty()) {
            sb.append(MISSING);
            return;
        }
        int n = Math.min(value.length(), MAX_VALUE_CHARS);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '.' && i + 1 < n && value.charAt(i + 1) == '.') {
                // ".." could climb out of the base directory
                sb.append("__");
                i++;
            } else if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                sb.append('_');
            } else {
                sb.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }

    /** Equal templates mean an unchanged output on hot reload (it keeps running untouched). */
    @Override
    public boolean equals(Object o) {
        return o instanceof PathTemplate other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
