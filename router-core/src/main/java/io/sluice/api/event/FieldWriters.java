package io.sluice.api.event;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Sets or clears an event field by its schema v1 path, the writing side of {@link FieldPaths}; used by
 * transforms such as {@code remap}. Only fields a user may change are writable: not the ones Sluice
 * itself owns ({@code @timestamp}, {@code input.*}, {@code event.*}).
 */
public final class FieldWriters {
    private FieldWriters() {}

    private static final Set<String> WRITABLE = Set.of("message", "log.level", "service.name", "host.name", "stream",
            "trace.id", "span.id", "error.type", "error.message");

    /** True when {@link #writer} accepts the path; config validation uses it. */
    public static boolean isWritable(String path) {
        return WRITABLE.contains(path) || labelKey(path) != null || attributeKey(path) != null;
    }

    /** A writer of text values (null clears the field), or null when the path is not writable. */
    public static BiConsumer<LogEvent, String> writer(String path) {
        String label = labelKey(path);
        if (label != null) return (e, v) -> setLabel(e, label, v);
        String attribute = attributeKey(path);
        if (attribute != null) {
            return (e, v) -> {
                if (e.attributes() != null) e.attributes().remove(attribute);
                if (v != null) e.attributesOrCreate().putString(attribute, v);
            };
        }
        return switch (path) {
            case "message" -> LogEvent::message;
            case "log.level" -> (e, v) -> e.level(level(v));
            case "service.name" -> LogEvent::serviceName;
            case "host.name" -> LogEvent::hostName;
            case "stream" -> LogEvent::stream;
            case "trace.id" -> LogEvent::traceId;
            case "span.id" -> LogEvent::spanId;
            case "error.type" -> LogEvent::errorType;
            case "error.message" -> LogEvent::errorMessage;
            default -> null;
        };
    }

    /** A schema level from its text; null for null or a word that is no level. */
    public static Level level(String text) {
        if (text == null) return null;
        for (Level l : Level.values()) if (l.text().equals(text)) return l;
        return null;
    }

    private static void setLabel(LogEvent e, String key, String value) {
        // labels are shared between events (from config): copy before changing
        Map<String, String> copy = e.labels() == null ? new HashMap<>() : new HashMap<>(e.labels());
        if (value == null) copy.remove(key);
        else copy.put(key, value);
        e.labels(copy);
    }

    private static String labelKey(String path) {
        return path.startsWith("labels.") && path.length() > "labels.".length() ? path.substring("labels.".length()) : null;
    }

    /** A top-level attribute key (no dots: nested attributes are JSON values, not fields). */
    private static String attributeKey(String path) {
        if (!path.startsWith("attributes.")) return null;
        String key = path.substring("attributes.".length());
        return key.isEmpty() || key.contains(".") ? null : key;
    }
}
