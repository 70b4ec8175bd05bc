package io.sluice.outputs.kafka;

import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionException;
import io.sluice.api.event.FieldPaths;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A topic name with event fields in braces, e.g. {@code logs.{service.name}}. Field values are
 * made safe for Kafka (characters other than letters, digits, {@code .}, {@code _} and {@code -}
 * become {@code _}), so an odd service name never produces an invalid topic.
 */
final class TopicTemplate {
    /** Kafka's own limit on topic name length. */
    static final int MAX_TOPIC_LENGTH = 249;

    private final String text;
    private final String[] literals;
    private final List<Function<LogEvent, String>> fields;
    private final List<String> paths;

    private TopicTemplate(String text, String[] literals, List<Function<LogEvent, String>> fields, List<String> paths) {
        this.text = text;
        this.literals = literals;
        this.fields = fields;
        this.paths = paths;
    }

    /** Parses a template; the message names what is wrong. */
    static TopicTemplate parse(String text) throws OptionException {
        List<String> literals = new ArrayList<>();
        List<Function<LogEvent, String>> fields = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        int i = 0;
        while (true) {
            int open = text.indexOf('{', i);
            String literal = open < 0 ? text.substring(i) : text.substring(i, open);
            if (literal.indexOf('}') >= 0) throw new OptionException("'" + text + "' has a '}' without a '{'");
            checkLiteral(text, literal);
            literals.add(literal);
            if (open < 0) break;
            int close = text.indexOf('}', open);
            if (close < 0) throw new OptionException("'" + text + "' has a '{' without a '}'");
            String path = text.substring(open + 1, close).trim();
            Function<LogEvent, String> reader = FieldPaths.reader(path);
            if (reader == null) {
                throw new OptionException("'" + path + "' in '" + text + "' is not an event field; use e.g. {service.name}, {labels.env}, {attributes.team}");
            }
            fields.add(reader);
            paths.add(path);
            i = close + 1;
        }
        if (fields.isEmpty() && text.isEmpty()) throw new OptionException("the topic must not be empty");
        return new TopicTemplate(text, literals.toArray(String[]::new), List.copyOf(fields), List.copyOf(paths));
    }

    private static void checkLiteral(String text, String literal) throws OptionException {
        for (int k = 0; k < literal.length(); k++) {
            if (!legal(literal.charAt(k))) {
                throw new OptionException("'" + text + "' contains '" + literal.charAt(k)
                        + "'; Kafka topic names take only letters, digits, '.', '_' and '-'");
            }
        }
    }

    static boolean legal(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }

    /** True when the topic is the same for every event. */
    boolean isConstant() {
        return fields.isEmpty();
    }

    /** The topic for the event, or null when a field it names is missing or empty. */
    String render(LogEvent event) {
        if (fields.isEmpty()) return text;
        StringBuilder sb = new StringBuilder(text.length() + 16);
        sb.append(literals[0]);
        for (int f = 0; f < fields.size(); f++) {
            String value = fields.get(f).apply(event);
            if (value == null || value.isEmpty()) return null;
            for (int k = 0; k < value.length(); k++) {
                char c = value.charAt(k);
                sb.append(legal(c) ? c : '_');
            }
            sb.append(literals[f + 1]);
        }
        return sb.length() > MAX_TOPIC_LENGTH ? sb.substring(0, MAX_TOPIC_LENGTH) : sb.toString();
    }

    /** The field paths the template reads, for messages. */
    List<String> paths() {
        return paths;
    }

    @Override
    public String toString() {
        return text;
    }

    /** By text: hot reload compares option values to tell whether an output's config changed. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TopicTemplate other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
