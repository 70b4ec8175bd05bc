package io.sluice.outputs.http;

import io.sluice.api.event.FieldPaths;
import io.sluice.api.event.LogEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Text with event fields in braces ({@code https://logs/{service.name}}), rendered per event with
 * each value passed through an escaper (percent-encoding in a URI). A missing field renders as
 * {@code -}, so events without it still have somewhere to go and are easy to find.
 *
 * <p>Stands in for the plugin API's shared field template while that is being built; swap it in
 * when it lands (the other outputs have their own copies for the same reason).
 */
final class EventTemplate {
    static final String RULES = "event fields go in braces, e.g. {service.name}, {labels.env}, {attributes.team};"
            + " braces must pair";
    static final String MISSING = "-";

    private final String text;
    private final String[] literals;
    private final List<Function<LogEvent, String>> fields;

    private EventTemplate(String text, String[] literals, List<Function<LogEvent, String>> fields) {
        this.text = text;
        this.literals = literals;
        this.fields = fields;
    }

    static boolean isValid(String text) {
        return parse(text) != null;
    }

    /** The template, or null when a brace is unpaired or a field unknown. */
    static EventTemplate parse(String text) {
        List<String> literals = new ArrayList<>();
        List<Function<LogEvent, String>> fields = new ArrayList<>();
        int i = 0;
        while (true) {
            int open = text.indexOf('{', i);
            String literal = open < 0 ? text.substring(i) : text.substring(i, open);
            if (literal.indexOf('}') >= 0) return null;
            literals.add(literal);
            if (open < 0) break;
            int close = text.indexOf('}', open);
            if (close < 0) return null;
            Function<LogEvent, String> reader = FieldPaths.reader(text.substring(open + 1, close).trim());
            if (reader == null) return null;
            fields.add(reader);
            i = close + 1;
        }
        return new EventTemplate(text, literals.toArray(String[]::new), List.copyOf(fields));
    }

    boolean isConstant() {
        return fields.isEmpty();
    }

    String render(LogEvent event, UnaryOperator<String> escape) {
        if (fields.isEmpty()) return text;
        StringBuilder sb = new StringBuilder(text.length() + 32).append(literals[0]);
        for (int f = 0; f < fields.size(); f++) {
            String value = fields.get(f).apply(event);
            sb.append(value == null || value.isEmpty() ? MISSING : escape.apply(value)).append(literals[f + 1]);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
