package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Types;
import io.sluice.api.schema.SchemaField;

/**
 * User-defined parsing: one entry of the top-level {@code parsers:}, and the options every input
 * takes to use a parser ({@code parser:}) and to read more JSON keys as schema fields
 * ({@code aliases:}). Bound by {@link ParserBinder}.
 */
public final class ParserSpec {
    private ParserSpec() {}

    public static final Option<String> TYPE = Option.of("type", Types.oneOf("regex", "grok")).required()
            .doc("regex: a regular expression with named groups (?P<name>...), run by RE2/J in time linear in the line; "
                    + "grok: %{PATTERN:name} over the standard grok pattern library (TIMESTAMP_ISO8601, LOGLEVEL, IP, "
                    + "NUMBER, DATA, GREEDYDATA, ...)")
            .build();
    public static final Option<String> PATTERN = Option.of("pattern", Types.STRING).required()
            .check(s -> !s.isBlank(), "must not be empty")
            .doc("the pattern; it may match anywhere in the record unless anchored with ^ and $").build();
    public static final Option<JsonNode> FIELDS = Option.of("fields", Types.ANY)
            .doc("capture name -> schema field (`level: log.level`) or {field, type, layout}: type is string, int, "
                    + "float, timestamp (with layout, a java.time pattern such as `dd/MMM/yyyy:HH:mm:ss Z`) or level; "
                    + "a capture without a field stays under attributes (converted to its type). Fields: "
                    + String.join(", ", SchemaField.paths()))
            .build();

    /** One entry of {@code parsers:}. */
    public static final OptionSpec PARSER = OptionSpec.of("parser",
            "one entry of parsers: a named pattern whose captures fill schema fields; inputs select it with parser: <name>",
            TYPE, PATTERN, FIELDS);

    public static final Option<String> INPUT_PARSER = Option.of("parser", Types.STRING)
            .doc("the name of an entry of parsers: that reads each text record (syslog: its MSG; container: the "
                    + "application's line) first; JSON objects are read as JSON, and lines it does not match are read by "
                    + "format and tagged parse_failed")
            .build();
    public static final Option<JsonNode> INPUT_ALIASES = Option.of("aliases", Types.ANY)
            .doc("schema field -> JSON keys that also fill it, e.g. {message: [body, msg], log.level: [sev], "
                    + "service.name: [app]}; top-level keys of JSON records. Fields: " + String.join(", ", SchemaField.paths()))
            .build();

    /** The options every input takes, for the reference docs. */
    public static final OptionSpec INPUT_COMMON = OptionSpec.of("input parsing",
            "user-defined parsing, taken by every input", INPUT_PARSER, INPUT_ALIASES);
}
