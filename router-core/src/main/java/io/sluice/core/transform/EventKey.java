package io.sluice.core.transform;

import io.sluice.api.event.FieldPaths;
import io.sluice.api.event.LogEvent;

import java.util.List;
import java.util.function.Function;

/** The values of chosen fields joined into one key (absent fields count as empty), e.g. per {@code service.name}. */
final class EventKey {
    private final List<Function<LogEvent, String>> readers;

    EventKey(List<String> fields) {
        this.readers = fields.stream().map(FieldPaths::reader).toList();
    }

    String of(LogEvent e) {
        if (readers.isEmpty()) return "";
        if (readers.size() == 1) return text(readers.get(0).apply(e));
        StringBuilder b = new StringBuilder();
        for (Function<LogEvent, String> r : readers) b.append(text(r.apply(e))).append('\u0000');
        return b.toString();
    }

    private static String text(String v) {
        return v == null ? "" : v;
    }
}
