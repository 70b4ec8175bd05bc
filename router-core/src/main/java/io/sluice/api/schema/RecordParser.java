package io.sluice.api.schema;

import io.sluice.api.event.LogEvent;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A parser the user declared under {@code parsers:}: a {@link LineMatcher} and, per capture, where
 * its value goes. Without a capture for {@code message} the whole line is the message. A value that
 * does not convert to its field's type is kept as a string attribute under the capture's name, so
 * nothing the line said is lost. Immutable and thread-safe.
 */
public final class RecordParser {
    private final String name;
    private final LineMatcher matcher;
    private final Map<String, CaptureMapping> mappings;
    private final String definition;

    /** @param definition the parser as the user wrote it: two parsers are equal when name and definition are */
    public RecordParser(String name, LineMatcher matcher, Map<String, CaptureMapping> mappings, String definition) {
        this.name = name;
        this.matcher = matcher;
        this.mappings = Map.copyOf(mappings);
        this.definition = definition;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordParser p && p.name.equals(name) && p.definition.equals(definition);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + definition.hashCode();
    }

    public String name() {
        return name;
    }

    /** Fills the event from the line; false (event untouched) when the pattern does not match. */
    public boolean apply(byte[] b, int off, int len, LogEvent event, DecodeOptions options) {
        int end = off + len;
        while (end > off && b[end - 1] == '\r') end--;
        String line = new String(b, off, end - off, StandardCharsets.UTF_8);
        Map<String, String> captures = matcher.captures(line);
        if (captures == null) return false;
        event.message(line);
        captures.forEach((capture, text) -> fill(event, capture, text, options));
        return true;
    }

    private void fill(LogEvent event, String capture, String text, DecodeOptions options) {
        CaptureMapping m = mappings.getOrDefault(capture, CaptureMapping.ATTRIBUTE);
        Object value = m.type().convert(text, m.layout(), options.zone());
        if (value == null) {
            event.attributesOrCreate().putString(capture, text);
        } else if (m.field() != null) {
            m.field().set(event, value);
        } else if (value instanceof Long n) {
            event.attributesOrCreate().putLong(capture, n);
        } else if (value instanceof Double d) {
            byte[] json = Double.toString(d).getBytes(StandardCharsets.US_ASCII);
            event.attributesOrCreate().putRawJson(capture, json, 0, json.length);
        } else {
            event.attributesOrCreate().putString(capture, text);
        }
    }
}
