package io.sluice.core.transform;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.event.FieldPaths;
import io.sluice.api.event.FieldWriters;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Transform;
import io.sluice.api.plugin.TransformPlugin;
import io.sluice.api.schema.FieldFormats;
import io.sluice.api.schema.FieldParser;
import io.sluice.api.schema.RecordFormats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** {@code remap}: parse, copy, rename, set and delete fields, in that order. */
public final class Remap implements TransformPlugin {
    private static final String WRITABLE = "message, log.level, service.name, host.name, stream, trace.id, span.id, "
            + "error.type, error.message, labels.<key> or attributes.<key>";

    static final Option<Map<String, String>> PARSE = Option.of("parse", Types.STRING_MAP).defaultValue(Map.of())
            .check(m -> m.keySet().stream().allMatch(FieldPaths::isKnown),
                    "each entry is field: format, the field a schema v1 field (message, attributes.<key>, ...)")
            .doc("field -> format: reads the field's text with a named format (as an input's `format:`: "
                    + String.join(", ", RecordFormats.STANDARD.names()) + ") or an entry of `parsers:`, and merges "
                    + "what it finds into the event (message, log.level, @timestamp, attributes, ...); text the format "
                    + "cannot read leaves the event as it was, tagged `parse_failed`").build();
    static final Option<Map<String, String>> COPY = Option.of("copy", Types.STRING_MAP).defaultValue(Map.of())
            .check(m -> m.keySet().stream().allMatch(FieldPaths::isKnown) && m.values().stream().allMatch(FieldWriters::isWritable),
                    "each entry is from: to, from a schema v1 field, to one of " + WRITABLE)
            .doc("from -> to: copies a field's value").build();
    static final Option<Map<String, String>> RENAME = Option.of("rename", Types.STRING_MAP).defaultValue(Map.of())
            .check(m -> m.keySet().stream().allMatch(FieldWriters::isWritable) && m.values().stream().allMatch(FieldWriters::isWritable),
                    "each entry is from: to, both one of " + WRITABLE)
            .doc("from -> to: moves a field's value (the old field is cleared)").build();
    static final Option<Map<String, String>> SET = Option.of("set", Types.STRING_MAP).defaultValue(Map.of())
            .check(m -> m.keySet().stream().allMatch(FieldWriters::isWritable)
                            && (!m.containsKey("log.level") || FieldWriters.level(m.get("log.level")) != null),
                    "each key is one of " + WRITABLE + "; a log.level value is one of trace, debug, info, warn, error, fatal")
            .doc("field -> value: sets a field to a fixed text").build();
    static final Option<List<String>> DELETE = Option.of("delete", Types.STRING_LIST).defaultValue(List.of())
            .check(l -> l.stream().allMatch(FieldWriters::isWritable), "each entry is one of " + WRITABLE)
            .doc("fields to clear").build();
    static final OptionSpec SPEC = OptionSpec.of("remap", "parses, copies, renames, sets and deletes fields",
            PARSE, COPY, RENAME, SET, DELETE);

    @Override public String type() { return "remap"; }
    @Override public OptionSpec options() { return SPEC; }

    /** Each {@code parse} entry's format, at {@code parse.<field>}. */
    @Override
    public Map<String, String> formatsNamed(Options o) {
        Map<String, String> named = new LinkedHashMap<>();
        o.get(PARSE).forEach((field, format) -> named.put("parse." + field, format));
        return named;
    }

    /** With the standard formats only (no {@code parsers:}). */
    @Override
    public Transform create(String name, Options o, MeterRegistry meters) {
        return create(name, o, meters, FieldFormats.STANDARD);
    }

    @Override
    public Transform create(String name, Options o, MeterRegistry meters, FieldFormats formats) {
        List<Transform> ops = new ArrayList<>();
        o.get(PARSE).forEach((field, format) -> ops.add(parse(field, formats.parser(format))));
        o.get(COPY).forEach((from, to) -> ops.add(move(from, to, false)));
        o.get(RENAME).forEach((from, to) -> ops.add(move(from, to, true)));
        o.get(SET).forEach((field, value) -> {
            BiConsumer<LogEvent, String> w = FieldWriters.writer(field);
            ops.add(e -> { w.accept(e, value); return true; });
        });
        for (String field : o.get(DELETE)) {
            BiConsumer<LogEvent, String> w = FieldWriters.writer(field);
            ops.add(e -> { w.accept(e, null); return true; });
        }
        return e -> {
            for (Transform op : ops) op.apply(e);
            return true;
        };
    }

    private static Transform parse(String field, FieldParser parser) {
        Function<LogEvent, String> read = FieldPaths.reader(field);
        return e -> {
            String v = read.apply(e);
            if (v != null) parser.parseInto(v, e);
            return true;
        };
    }

    /** A field with no value is left alone: nothing to copy or move. */
    private static Transform move(String from, String to, boolean clearSource) {
        Function<LogEvent, String> read = FieldPaths.reader(from);
        BiConsumer<LogEvent, String> write = FieldWriters.writer(to);
        BiConsumer<LogEvent, String> clear = clearSource ? FieldWriters.writer(from) : null;
        return e -> {
            String v = read.apply(e);
            if (v == null) return true;
            if (clear != null) clear.accept(e, null);
            write.accept(e, v);
            return true;
        };
    }
}
