package io.sluice.config;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.OptionType;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.core.pipeline.PipelineSettings;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The top level of a pipeline file, declared like a plugin's options so that unknown keys, wrong
 * types and the configuration reference work the same way. {@code inputs}, {@code outputs},
 * {@code routes} and {@code dead_letter} are bound against the plugins' own specs, so they are
 * declared here as any value.
 */
public final class PipelineSpec {
    private PipelineSpec() {}

    public static final Option<String> DATA_DIR = Option.of("data_dir", Types.STRING).defaultValue("./data")
            .check(s -> !s.isBlank(), "must not be empty")
            .doc("directory for checkpoints, disk buffers and the default dead-letter file; relative to the working directory")
            .build();

    public static final Option<InetSocketAddress> ADMIN_LISTEN = Option.of("listen", Types.HOST_PORT)
            .defaultValue(InetSocketAddress.createUnresolved("127.0.0.1", 8686))
            .doc("address of the admin HTTP endpoint (health, metrics)").build();
    public static final Option<Boolean> ADMIN_ENABLED = Option.of("enabled", Types.BOOL).defaultValue(true)
            .doc("false turns the admin endpoint off").build();
    public static final Option<String> ADMIN_TOKEN_FILE = Option.of("token_file", Types.STRING)
            .check(s -> !s.isBlank(), "must not be empty")
            .doc("file holding a bearer token that /metrics and /tap then require (Authorization: Bearer ...); "
                    + "the health probes stay open. Without it, /tap is served only when listen is a loopback address")
            .build();
    public static final OptionSpec ADMIN = OptionSpec.of("admin", "the admin HTTP endpoint", ADMIN_LISTEN, ADMIN_ENABLED,
            ADMIN_TOKEN_FILE);

    public static final Option<Duration> SHUTDOWN_TIMEOUT = Option.of("shutdown_timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(10)).check(d -> !d.isZero() && !d.isNegative(), "must be more than 0")
            .doc("how long a stop may take to drain buffers and flush outputs").build();

    public static final Option<Integer> WORKERS = Option.of("workers", Types.INT)
            .check(n -> n >= 1 && n <= 1024, "must be 1 to 1024")
            .doc("worker threads that parse, normalize and encode (default: the number of processors)").build();
    public static final Option<Integer> BATCH_MAX_RECORDS = Option.of("batch_max_records", Types.INT).defaultValue(512)
            .check(n -> n >= 1 && n <= 1_000_000, "must be 1 to 1000000")
            .doc("the most records the workers process as one batch (a connection's lines, cut by the workers, "
                    + "are split to it)").build();
    public static final Option<Long> BATCH_MAX_BYTES = Option.of("batch_max_bytes", Types.BYTE_SIZE)
            .defaultValue(256L * 1024).check(n -> n >= 1024, "must be at least 1KiB")
            .doc("the most raw bytes an input hands to the workers at once").build();
    public static final Option<Long> IN_FLIGHT_BYTES = Option.of("in_flight_bytes", Types.BYTE_SIZE)
            .defaultValue(PipelineSettings.DEFAULT_IN_FLIGHT_BYTES).check(n -> n >= 64 * 1024, "must be at least 64KiB")
            .doc("the most raw bytes read but not yet acknowledged by every output they went to, over all inputs; inputs are pushed back beyond it (bounds memory)").build();
    public static final Option<Long> MEMORY_BUDGET = Option.of("memory_budget", Types.BYTE_SIZE)
            .check(n -> n >= 64 * 1024, "must be at least 64KiB")
            .doc("the most bytes all memory sink buffers hold together, beside each buffer's own max_bytes; "
                    + "a sink that would pass it waits (or drops, with when_full: drop_newest). Default: no shared budget").build();
    public static final Option<Long> HELD_BYTES = Option.of("held_bytes", Types.BYTE_SIZE)
            .defaultValue(PipelineSettings.DEFAULT_HELD_BYTES).check(n -> n >= 64 * 1024, "must be at least 64KiB")
            .doc("the most bytes held for clients beside in_flight_bytes, over all inputs and /tap subscribers: lines "
                    + "not yet ended, multiline events being joined, tap events not yet read; a record that would pass it "
                    + "is cut there, tagged truncated and counted (sluice_pipeline_held_refused_total), so many half-sent "
                    + "lines cannot exhaust memory").build();
    public static final Option<Duration> WARM_UP = Option.of("warm_up", Types.DURATION_TYPE)
            .defaultValue(PipelineSettings.DEFAULT_WARM_UP)
            .check(d -> !d.isNegative() && d.compareTo(Duration.ofMinutes(1)) <= 0, "must be 0s to 1m")
            .doc("at start, the most CPU time spent running made-up records of each input's kind through the "
                    + "workers' code so the JVM compiles it before real records arrive; it stops at the first real "
                    + "record and emits nothing. 0s turns it off (a sidecar with a small CPU limit). Inputs with "
                    + "made-up records: tcp, syslog, stdin, kafka").build();
    public static final OptionSpec PIPELINE = OptionSpec.of("pipeline", "tuning of the worker pool",
            WORKERS, BATCH_MAX_RECORDS, BATCH_MAX_BYTES, IN_FLIGHT_BYTES, MEMORY_BUDGET, HELD_BYTES, WARM_UP);

    public static final Option<Map<String, String>> LABELS = Option.of("labels", Types.STRING_MAP).defaultValue(Map.of())
            .doc("static labels added to every event").build();
    public static final Option<String> ON_INVALID = Option.of("on_invalid", Types.oneOf("dead_letter", "repair"))
            .defaultValue("dead_letter")
            .doc("an event with a value that breaks the schema: dead_letter sends it to the dead-letter output; "
                    + "repair moves the value under attributes, tags the event and passes it on").build();
    public static final OptionSpec NORMALIZE = OptionSpec.of("normalize", "schema v1 rules for every input",
            LABELS, ON_INVALID);

    public static final Option<JsonNode> INPUTS = Option.of("inputs", section("map of input id to input"))
            .doc("input id -> input: `type` and that type's options (see Inputs); at least one").build();
    public static final Option<JsonNode> TRANSFORMS = Option.of("transforms", section("list of transforms"))
            .doc("ordered list of transforms applied to every normalized event before routing (see Transforms)").build();
    public static final Option<JsonNode> ROUTES = Option.of("routes", section("list of routes"))
            .doc("list of routes (see Routes); without routes every input goes to every output").build();
    public static final Option<JsonNode> OUTPUTS = Option.of("outputs", section("map of output id to output"))
            .doc("output id -> output: `type`, that type's options and the options every output takes; at least one")
            .build();
    public static final Option<JsonNode> PARSERS = Option.of("parsers", section("map of parser name to parser"))
            .doc("parser name -> parser (see Parsers): user-defined patterns inputs select with parser: <name>").build();
    public static final Option<JsonNode> DEAD_LETTER = Option.of("dead_letter", section("output"))
            .doc("the output for events refused with a reason (default: a file output at <data_dir>/dead-letter.ndjson)")
            .build();

    public static final Option<Options> ADMIN_BLOCK = Option.block("admin", ADMIN).doc("the admin HTTP endpoint").build();
    public static final Option<Options> PIPELINE_BLOCK = Option.block("pipeline", PIPELINE).doc("worker pool tuning").build();
    public static final Option<Options> NORMALIZE_BLOCK = Option.block("normalize", NORMALIZE)
            .doc("schema v1 rules for every input").build();

    /** The whole file. */
    public static final OptionSpec FILE = OptionSpec.of("pipeline file", "one pipeline: its inputs, routes and outputs",
            DATA_DIR, ADMIN_BLOCK, SHUTDOWN_TIMEOUT, PIPELINE_BLOCK, PARSERS, INPUTS, NORMALIZE_BLOCK, TRANSFORMS, ROUTES, OUTPUTS, DEAD_LETTER);

    public static final Option<String> ROUTE_NAME = Option.of("name", Types.STRING)
            .doc("a name for metrics and messages (default: routes[N])").build();
    public static final Option<List<String>> ROUTE_FROM = Option.of("from", Types.STRING_LIST).defaultValue(List.of())
            .doc("input ids whose events the route takes (default: all inputs)").build();
    public static final Option<JsonNode> ROUTE_WHEN = Option.of("when", section("condition"))
            .doc("condition on the event: {field: F, equals: V}, {field: F, in: [..]}, {field: F, regex: R}, "
                    + "{field: F, exists: true|false}, {field: F, contains|starts_with: text}, "
                    + "{field: F, gt|gte|lt|lte: number}, {all: [..]}, {any: [..]}, {not: {..}} (default: every event)")
            .build();
    public static final Option<List<String>> ROUTE_TO = Option.of("to", Types.STRING_LIST).required()
            .check(l -> !l.isEmpty(), "must name at least one output")
            .doc("output ids the matching events go to").build();
    /** A section bound elsewhere (against plugin specs or as a condition): any value here, described for the docs. */
    private static OptionType<JsonNode> section(String describe) {
        return new OptionType<>() {
            @Override
            public String describe() {
                return describe;
            }

            @Override
            public JsonNode parse(JsonNode node) {
                return node;
            }
        };
    }

    /** One entry of {@code routes:}. An event goes to the union of the outputs of every route it matches. */
    public static final OptionSpec ROUTE = OptionSpec.of("route", "one entry of routes",
            ROUTE_NAME, ROUTE_FROM, ROUTE_WHEN, ROUTE_TO);
}
