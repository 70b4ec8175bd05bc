package io.sluice.outputs.elasticsearch;

import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionException;
import io.sluice.api.template.FieldTemplate;
import io.sluice.api.template.MissingField;
import io.sluice.api.template.TemplateTarget;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A data stream or index name template: literal text, event fields in braces
 * ({@code {service.name}}) and date parts of the event's {@code @timestamp} ({@code %Y %m %d %H},
 * {@code %%} for a literal {@code %}), e.g. {@code logs-{service.name}-%Y.%m.%d}. Field values are
 * made safe for Elasticsearch names (lower case; characters it forbids become {@code _}), so an odd
 * service name cannot make every event of a batch fail; a missing field writes {@code unknown}
 * ({@link MissingField#WRITE_UNKNOWN}), so the event is still indexed.
 *
 * @param literals per literal of the template: its lower-cased text (String) and date parts (Character)
 */
record TargetTemplate(FieldTemplate template, List<List<Object>> literals) {
    /** Elasticsearch names are lower case and may not hold \ / * ? " < > | , # : or spaces. */
    private static final TemplateTarget INDEX_NAME = (value, out) -> {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ("\\/*?\"<>|,#: ".indexOf(c) >= 0 || Character.isISOControl(c)) out.append('_');
            else out.append(Character.toLowerCase(c));
        }
    };

    static TargetTemplate parse(String text) throws OptionException {
        FieldTemplate template = FieldTemplate.parse(text, INDEX_NAME, MissingField.WRITE_UNKNOWN);
        if (template.paths().contains("@timestamp")) {
            throw FieldTemplate.problem(text, "{@timestamp} cannot be part of a name; use its date parts %Y %m %d %H");
        }
        List<List<Object>> literals = new ArrayList<>();
        for (int i = 0; i <= template.fieldCount(); i++) literals.add(datedLiteral(text, template.literal(i)));
        return new TargetTemplate(template, List.copyOf(literals));
    }

    /** A template written in Sluice's own code, such as a default; a mistake there is a bug. */
    static TargetTemplate builtIn(String text) {
        try {
            return parse(text);
        } catch (OptionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static List<Object> datedLiteral(String text, String literal) throws OptionException {
        List<Object> parts = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c != '%') {
                plain.append(c);
                continue;
            }
            char d = i + 1 < literal.length() ? literal.charAt(i + 1) : ' ';
            if (d == '%') {
                plain.append('%');
            } else if ("YmdH".indexOf(d) >= 0) {
                flush(plain, parts);
                parts.add(d);
            } else {
                throw FieldTemplate.problem(text, "%" + d + " is not a date part; use %Y %m %d %H, or %% for '%'");
            }
            i++;
        }
        flush(plain, parts);
        return List.copyOf(parts);
    }

    private static void flush(StringBuilder plain, List<Object> parts) {
        if (plain.length() > 0) parts.add(plain.toString().toLowerCase(Locale.ROOT));
        plain.setLength(0);
    }

    /** The index pattern every name of this template matches, for the index template. */
    String indexPattern() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < literals.size(); i++) {
            for (Object p : literals.get(i)) {
                if (p instanceof String s) sb.append(s);
                else wildcard(sb);
            }
            if (i < template.fieldCount()) wildcard(sb);
        }
        return sb.toString();
    }

    private static void wildcard(StringBuilder sb) {
        if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '*') sb.append('*');
    }

    /** The template's text; equal texts make equal records, an unchanged output on hot reload. */
    @Override
    public String toString() {
        return template.toString();
    }

    /**
     * Renders names for one batch on one thread. Consecutive events usually share their name, so
     * the last field values and hour are remembered and the last name reused when they repeat.
     */
    Renderer renderer() {
        return new Renderer();
    }

    final class Renderer {
        private final boolean hasDate = literals.stream().flatMap(List::stream).anyMatch(p -> p instanceof Character);
        private final String[] lastValues = new String[template.fieldCount()];
        private long lastHour = Long.MIN_VALUE;
        private String lastName;

        String render(LogEvent e) {
            long hour = hasDate ? Math.floorDiv(e.timestampNanos(), 3_600_000_000_000L) : 0;
            boolean same = lastName != null && hour == lastHour;
            for (int f = 0; f < lastValues.length && same; f++) {
                same = Objects.equals(lastValues[f], template.read(f, e));
            }
            if (same) return lastName;
            StringBuilder sb = new StringBuilder(48);
            LocalDateTime time = hasDate ? LocalDateTime.ofEpochSecond(hour * 3600, 0, ZoneOffset.UTC) : null;
            for (int i = 0; i < literals.size(); i++) {
                appendLiteral(literals.get(i), time, sb);
                if (i < lastValues.length) {
                    lastValues[i] = template.read(i, e);
                    template.appendValue(lastValues[i], sb);
                }
            }
            lastHour = hour;
            lastName = sb.toString();
            return lastName;
        }
    }

    private static void appendLiteral(List<Object> parts, LocalDateTime time, StringBuilder sb) {
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
            } else {
                switch ((Character) p) {
                    case 'Y' -> sb.append(time.getYear());
                    case 'm' -> pad(sb, time.getMonthValue());
                    case 'd' -> pad(sb, time.getDayOfMonth());
                    default -> pad(sb, time.getHour());
                }
            }
        }
    }

    private static void pad(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        sb.append(v);
    }
}
