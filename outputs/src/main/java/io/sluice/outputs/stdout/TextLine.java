package io.sluice.outputs.stdout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.api.event.ContainerFields;
import io.sluice.api.event.LogEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The readable one-line form of an event, for people watching a console:
 * {@code 2026-11-25T10:00:00.123Z WARN  api host-1: disk low trace.id=4bf9... user_id=42}.
 *
 * <p>One event is always one line: newlines and other control characters inside values are written
 * as escapes ({@code \n}), so a multi-line message or stack trace cannot be mistaken for several events.
 * This is for eyes, not for machines (use {@code format: json} for those), so it may allocate.
 */
final class TextLine {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();

    private final StringBuilder line = new StringBuilder(256);

    /** The event's line in UTF-8, ending with a newline. */
    byte[] format(LogEvent e) {
        line.setLength(0);
        line.append(time(e)).append(' ');
        String level = e.level() == null ? "-" : e.level().text().toUpperCase(Locale.ROOT);
        line.append(level);
        for (int pad = level.length(); pad < 5; pad++) line.append(' ');
        line.append(' ').append(word(e.serviceName())).append(' ').append(word(e.hostName())).append(": ");
        escapeControls(e.message() == null ? "" : e.message());
        field("trace.id", e.traceId());
        field("span.id", e.spanId());
        field("stream", e.stream());
        field("log.file.path", e.filePath());
        container(e.container());
        field("error.type", e.errorType());
        field("error.message", e.errorMessage());
        field("error.stack_trace", e.errorStackTrace());
        if (e.labels() != null) {
            for (Map.Entry<String, String> l : e.labels().entrySet()) field("labels." + l.getKey(), l.getValue());
        }
        if (!e.tags().isEmpty()) field("tags", String.join(",", e.tags()));
        if (e.attributes() != null && !e.attributes().isEmpty()) attributes(e.attributes().toJson());
        line.append('\n');
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String time(LogEvent e) {
        long nanos = e.hasTimestamp() ? e.timestampNanos() : e.createdNanos();
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
    }

    private static String word(String s) {
        return s == null || s.isEmpty() ? "-" : s.replace(' ', '_');
    }

    private void container(ContainerFields c) {
        if (c == null) return;
        field("container.name", c.containerName());
        field("kubernetes.namespace", c.kubernetesNamespace());
        field("kubernetes.pod.name", c.kubernetesPodName());
    }

    /** Top-level attributes as key=value; nested objects and arrays as compact JSON. */
    private void attributes(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    StringWriter w = new StringWriter();
                    try (JsonGenerator g = JSON.createGenerator(w)) {
                        g.copyCurrentStructure(p);
                    }
                    // JSON is self-delimiting and already escaped: quoting it again would only add backslashes
                    line.append(' ').append(key).append('=').append(w);
                } else {
                    field(key, t == JsonToken.VALUE_NULL ? "null" : p.getText());
                }
            }
        } catch (IOException e) {
            // attributes are valid JSON by construction; if not, show them whole rather than lose them
            field("attributes", json);
        }
    }

    private void field(String key, String value) {
        if (value == null) return;
        line.append(' ').append(key).append('=');
        if (needsQuotes(value)) {
            line.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') line.append('\\');
                escapeControl(c);
            }
            line.append('"');
        } else {
            escapeControls(value);
        }
    }

    private static boolean needsQuotes(String v) {
        if (v.isEmpty()) return true;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '"' || c == '=' || c == '\\') return true;
        }
        return false;
    }

    private void escapeControls(String s) {
        for (int i = 0; i < s.length(); i++) escapeControl(s.charAt(i));
    }

    private void escapeControl(char c) {
        switch (c) {
            case '\n' -> line.append("\\n");
            case '\r' -> line.append("\\r");
            case '\t' -> line.append("\\t");
            default -> {
                // C0 and C1 controls and the Unicode line separators would break or garble the line
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                    line.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    line.append(c);
                }
            }
        }
    }
}
