package io.sluice.api.template;

import io.sluice.api.event.FieldPaths;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Text with event fields in braces, such as {@code logs.{service.name}} or
 * {@code /var/log/{labels.team}/{service.name}.ndjson}: parsed once when the config is read, then
 * rendered for each event by reading the fields with {@link FieldPaths}.
 *
 * <p>Syntax: {@code {path}} names a schema v1 field (spaces around the path are ignored); a
 * {@code '{'} always opens a field, so a template cannot hold a literal {@code '{'}; a {@code '}'}
 * outside a field is literal text (a target may still refuse it).
 *
 * <p>Two things are the sink's: a {@link TemplateTarget} escapes values (and checks the literal
 * text) for what the name becomes, and a {@link MissingField} policy says what a missing or empty
 * field renders as.
 *
 * <p>Immutable and thread-safe. Equal when text, target and policy are equal, so an output whose
 * option values are equal counts as unchanged on hot reload.
 */
public final class FieldTemplate {
    /** What a missing field renders as under {@link MissingField#WRITE_UNKNOWN}. */
    public static final String UNKNOWN = "unknown";

    private final String text;
    private final TemplateTarget target;
    private final MissingField missing;
    /** One more than fields: literals[i] stands before field i, the last one after the last field. */
    private final String[] literals;
    private final String[] paths;
    private final List<Function<LogEvent, String>> readers;

    private FieldTemplate(String text, TemplateTarget target, MissingField missing, List<String> literals,
                          List<String> paths, List<Function<LogEvent, String>> readers) {
        this.text = text;
        this.target = target;
        this.missing = missing;
        this.literals = literals.toArray(String[]::new);
        this.paths = paths.toArray(String[]::new);
        this.readers = List.copyOf(readers);
    }

    /**
     * Parses a template.
     *
     * @throws OptionException for an empty template, an unclosed {@code '{'}, a field that is not
     *                         an event field, or literal text the target refuses; the message
     *                         quotes the template and says what to write instead
     */
    public static FieldTemplate parse(String text, TemplateTarget target, MissingField missing) throws OptionException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(missing, "missing");
        if (text == null || text.isBlank()) throw new OptionException("must not be empty");
        List<String> literals = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<Function<LogEvent, String>> readers = new ArrayList<>();
        int i = 0;
        while (true) {
            int open = text.indexOf('{', i);
            String literal = open < 0 ? text.substring(i) : text.substring(i, open);
            String refusal = target.refuseLiteral(literal);
            if (refusal != null) throw problem(text, refusal);
            literals.add(literal);
            if (open < 0) break;
            int close = text.indexOf('}', open);
            if (close < 0) throw problem(text, "'{' at character " + (open + 1) + " is not closed by '}'");
            String path = text.substring(open + 1, close).trim();
            Function<LogEvent, String> reader = FieldPaths.reader(path);
            if (reader == null) {
                throw problem(text, "{" + path + "} is not an event field; use a schema v1 field such as "
                        + "{service.name}, {host.name}, {log.level}, {labels.<key>} or {attributes.<key>}");
            }
            paths.add(path);
            readers.add(reader);
            i = close + 1;
        }
        return new FieldTemplate(text, target, missing, literals, paths, readers);
    }

    /** A problem with a template, worded the same for every sink: the template, then what is wrong. */
    public static OptionException problem(String text, String what) {
        return new OptionException("'" + text + "': " + what);
    }

    /** True when no field is named: every event renders the same text. */
    public boolean isConstant() {
        return paths.length == 0;
    }

    /** How many fields the template names. */
    public int fieldCount() {
        return paths.length;
    }

    /** The field paths, in order, for messages such as "the event has no value for [labels.team]". */
    public List<String> paths() {
        return List.of(paths);
    }

    /** The literal text before field {@code i}; {@code literal(fieldCount())} is the text after the last. */
    public String literal(int i) {
        return literals[i];
    }

    /** Field {@code i}'s raw value in the event, unescaped; null when the event lacks it. */
    public String read(int i, LogEvent event) {
        return readers.get(i).apply(event);
    }

    /**
     * Appends a raw value as it renders: escaped for the target, or as the missing-field policy says
     * when it is null or empty.
     *
     * @return false when the value is missing and the policy is {@link MissingField#NO_RESULT}
     */
    public boolean appendValue(String value, StringBuilder out) {
        if (value == null || value.isEmpty()) {
            if (missing == MissingField.NO_RESULT) return false;
            out.append(UNKNOWN);
        } else {
            target.appendValue(value, out);
        }
        return true;
    }

    /** The text for one event, or null when a field is missing under {@link MissingField#NO_RESULT}. */
    public String render(LogEvent event) {
        return isConstant() ? text : render(event, new StringBuilder(text.length() + 32));
    }

    /** As {@link #render(LogEvent)}, with a scratch builder the caller reuses between events. */
    public String render(LogEvent event, StringBuilder scratch) {
        if (isConstant()) return text;
        scratch.setLength(0);
        scratch.append(literals[0]);
        for (int f = 0; f < paths.length; f++) {
            if (!appendValue(read(f, event), scratch)) return null;
            scratch.append(literals[f + 1]);
        }
        return scratch.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldTemplate other && other.text.equals(text) && other.target.equals(target)
                && other.missing == missing;
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
