package io.sluice.api.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names a field of a normalized event can be parsed with (remap's {@code parse}, a pod's
 * {@code sluice.io/format} annotation): the {@link RecordFormats#STANDARD} formats and the config's
 * own {@code parsers:}. A parser named like a standard format takes its place here, as the user
 * declared it. One {@link FieldParser} per name, made on first use and shared (it keeps one decoder
 * per worker thread). Thread-safe.
 */
public final class FieldFormats {
    /** The standard formats only: a config without {@code parsers:}. */
    public static final FieldFormats STANDARD = new FieldFormats(Map.of());

    private final Map<String, RecordParser> parsers;
    private final Map<String, FieldParser> made = new ConcurrentHashMap<>();

    private FieldFormats(Map<String, RecordParser> parsers) {
        this.parsers = parsers;
    }

    /** The standard formats and {@code parsers} (name -> parser, in the config's order). */
    public static FieldFormats withParsers(Map<String, RecordParser> parsers) {
        return parsers.isEmpty() ? STANDARD : new FieldFormats(new LinkedHashMap<>(parsers));
    }

    public boolean contains(String name) {
        return parsers.containsKey(name) || RecordFormats.STANDARD.names().contains(name);
    }

    /** For messages: the formats, then the parsers. */
    public String describe() {
        String formats = String.join(", ", RecordFormats.STANDARD.names());
        return parsers.isEmpty() ? "one of " + formats
                : "a format (" + formats + ") or a parser (" + String.join(", ", parsers.keySet()) + ")";
    }

    /** Every name, formats first. */
    public List<String> names() {
        List<String> all = new ArrayList<>(RecordFormats.STANDARD.names());
        parsers.keySet().stream().filter(n -> !all.contains(n)).forEach(all::add);
        return all;
    }

    /** @throws IllegalArgumentException for a name {@link #contains} does not know */
    public FieldParser parser(String name) {
        if (!contains(name)) throw new IllegalArgumentException("no format or parser named " + name + "; " + describe());
        return made.computeIfAbsent(name, n -> parsers.containsKey(n) ? new FieldParser(parsers.get(n)) : new FieldParser(n));
    }
}
