package io.sluice.outputs.elasticsearch;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.FieldPaths;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A data stream or index name template: literal text, event fields in braces
 * ({@code {service.name}}) and date parts of the event's {@code @timestamp} ({@code %Y %m %d %H}),
 * e.g. {@code logs-{service.name}-%Y.%m.%d}. Field values are made safe for Elasticsearch names
 * (lower case; characters it forbids become {@code _}), so an odd service name cannot make every
 * event of a batch fail.
 */
final class TargetTemplate {
    static final String RULES = "must be a name template: literal text, {field} with a known event field"
            + " (e.g. {service.name}), and for indices %Y %m %d %H";

    private final String text;
    private final List<Object> parts;   // String literal, Function<LogEvent,String> field, or Character date part
    private final boolean hasDate;

    private TargetTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = parts;
        this.hasDate = parts.stream().anyMatch(p -> p instanceof Character);
    }

    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static TargetTemplate parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty name template");
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) throw new IllegalArgumentException("unclosed { in " + text);
                String path = text.substring(i + 1, close).trim();
                Function<LogEvent, String> reader = FieldPaths.reader(path);
                if (reader == null || path.equals("@timestamp")) {
                    throw new IllegalArgumentException("unknown field {" + path + "}");
                }
                flush(literal, parts);
                parts.add(reader);
                i = close;
            } else if (c == '%') {
                char d = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
                if (d == '%') {
                    literal.append('%');
                } else if ("YmdH".indexOf(d) >= 0) {
                    flush(literal, parts);
                    parts.add(d);
                } else {
                    throw new IllegalArgumentException("unknown date part %" + d);
                }
                i++;
            } else {
                literal.append(c);
            }
        }
        flush(literal, parts);
        return new TargetTemplate(text, parts);
    }

    private static void flush(StringBuilder literal, List<Object> parts) {
        if (literal.length() > 0) parts.add(literal.toString().toLowerCase(Locale.ROOT));
        literal.setLength(0);
    }

    boolean hasDate() {
        return hasDate;
    }

    /** The index pattern every name of this template matches, for the index template. */
    String indexPattern() {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) sb.append(s);
            else if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '*') sb.append('*');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Renders names for one batch on one thread. Consecutive events usually share their name, so
     * the last field values and hour are remembered and the last name reused when they repeat.
     */
    Renderer renderer() {
        return new Renderer();
    }

    final class Renderer {
        private final String[] lastValues = new String[parts.size()];
        private long lastHour = Long.MIN_VALUE;
        private String lastName;

        String render(LogEvent e) {
            long hour = hasDate ? Math.floorDiv(e.timestampNanos(), 3_600_000_000_000L) : 0;
            boolean same = lastName != null && hour == lastHour;
            for (int i = 0; i < parts.size() && same; i++) {
                if (parts.get(i) instanceof Function<?, ?> f) {
                    same = java.util.Objects.equals(lastValues[i], read(f, e));
                }
            }
            if (same) return lastName;
            StringBuilder sb = new StringBuilder(48);
            LocalDateTime time = hasDate ? LocalDateTime.ofEpochSecond(hour * 3600, 0, ZoneOffset.UTC) : null;
            for (int i = 0; i < parts.size(); i++) {
                Object p = parts.get(i);
                if (p instanceof String s) {
                    sb.append(s);
                } else if (p instanceof Character d) {
                    switch (d) {
                        case 'Y' -> sb.append(time.getYear());
                        case 'm' -> pad(sb, time.getMonthValue());
                        case 'd' -> pad(sb, time.getDayOfMonth());
                        default -> pad(sb, time.getHour());
                    }
                } else {
                    String v = read((Function<?, ?>) p, e);
                    lastValues[i] = v;
                    appendSafe(sb, v == null ? "unknown" : v);
                }
            }
            lastHour = hour;
            lastName = sb.toString();
            return lastName;
        }

        @SuppressWarnings("unchecked")
        private String read(Function<?, ?> f, LogEvent e) {
            return ((Function<LogEvent, String>) f).apply(e);
        }
    }

    private static void pad(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        sb.append(v);
    }

    /** Elasticsearch names are lower case and may not hold \ / * ? " < > | , # : or spaces. */
    private static void appendSafe(StringBuilder sb, String v) {
        if (v.isEmpty()) {
            sb.append("unknown");
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ("\\/*?\"<>|,#: ".indexOf(c) >= 0 || Character.isISOControl(c)) sb.append('_');
            else sb.append(Character.toLowerCase(c));
        }
    }
}
