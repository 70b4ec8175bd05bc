package io.sluice.core.pipeline;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;

import java.time.Duration;

/** The options every output takes, owned by the pipeline: its buffer, its batching and its retries. */
public final class SinkOptions {
    private SinkOptions() {}

    public static final Option<String> BUFFER_TYPE = Option.of("type", Types.oneOf("memory", "disk"))
            .defaultValue("memory").doc("memory, or disk (durable across restarts; see the delivery docs)").build();
    public static final Option<Long> BUFFER_MAX_BYTES = Option.of("max_bytes", Types.BYTE_SIZE)
            .defaultValue(16L * 1024 * 1024).check(v -> v >= 64 * 1024, "must be at least 64KiB")
            .doc("the most encoded event bytes the buffer holds for this sink (memory or disk)").build();
    public static final Option<String> BUFFER_WHEN_FULL = Option.of("when_full", Types.oneOf("block", "drop_newest", "spill"))
            .defaultValue("block").doc("block: push back to the inputs; drop_newest: drop and count new events; "
                    + "spill (memory buffers): overflow to a disk buffer in data_dir, in order").build();
    public static final Option<Long> BUFFER_SPILL_MAX_BYTES = Option.of("spill_max_bytes", Types.BYTE_SIZE)
            .defaultValue(1L << 30).check(v -> v >= 1024 * 1024, "must be at least 1MiB")
            .doc("with when_full: spill, the most bytes the disk overflow holds; past it the inputs are pushed back").build();
    public static final Option<String> BUFFER_FSYNC = Option.of("fsync", Types.oneOf("interval", "batch"))
            .defaultValue("interval").doc("disk buffers: batch forces every append to the disk before it is "
                    + "acknowledged; interval forces once a second (a power loss may take up to a second of events)").build();
    public static final OptionSpec BUFFER = OptionSpec.of("buffer", "the sink's buffer",
            BUFFER_TYPE, BUFFER_MAX_BYTES, BUFFER_WHEN_FULL, BUFFER_FSYNC, BUFFER_SPILL_MAX_BYTES)
            .rule(OptionRule.of("`when_full: spill` needs a memory buffer",
                    "a disk buffer cannot spill: spill overflows a memory buffer to disk; use type: memory or when_full: block",
                    b -> !(b.get(BUFFER_TYPE).equals("disk") && b.get(BUFFER_WHEN_FULL).equals("spill")),
                    BUFFER_TYPE, BUFFER_WHEN_FULL));

    public static final Option<Integer> BATCH_MAX_EVENTS = Option.of("max_events", Types.INT)
            .defaultValue(1000).check(v -> v >= 1 && v <= 1_000_000, "must be 1 to 1000000")
            .doc("the most events the sink writes in one request or flush").build();
    public static final Option<Long> BATCH_MAX_BYTES = Option.of("max_bytes", Types.BYTE_SIZE)
            .defaultValue(4L * 1024 * 1024).check(v -> v >= 1024, "must be at least 1KiB")
            .doc("the most bytes the sink writes in one request or flush").build();
    public static final Option<Duration> BATCH_MAX_DELAY = Option.of("max_delay", Types.DURATION_TYPE)
            .defaultValue(Duration.ofMillis(200)).doc("how long a partial batch waits for more events (blackhole, which has no per-write cost to save: "
                    + "not at all unless set)").build();
    public static final OptionSpec BATCH = OptionSpec.of("batch", "how the sink groups events into writes",
            BATCH_MAX_EVENTS, BATCH_MAX_BYTES, BATCH_MAX_DELAY);

    public static final Option<Duration> RETRY_INITIAL = Option.of("initial_backoff", Types.DURATION_TYPE)
            .defaultValue(Duration.ofMillis(100)).doc("the first retry's backoff ceiling").build();
    public static final Option<Duration> RETRY_MAX = Option.of("max_backoff", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(30)).doc("the largest backoff between retries").build();
    public static final Option<Integer> BREAKER_FAILURES = Option.of("circuit_failures", Types.INT)
            .defaultValue(5).check(v -> v >= 1, "must be at least 1")
            .doc("consecutive failures that open the circuit breaker").build();
    public static final Option<Duration> BREAKER_OPEN_FOR = Option.of("circuit_open_for", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(10)).doc("how long the circuit stays open before a probe").build();
    public static final OptionSpec RETRY = OptionSpec.of("retry",
            "retries with exponential backoff and full jitter; transient failures are retried until they pass",
            RETRY_INITIAL, RETRY_MAX, BREAKER_FAILURES, BREAKER_OPEN_FOR)
            .rule(OptionRule.of("`initial_backoff` is at most `max_backoff`", "initial_backoff must not exceed max_backoff",
                    r -> r.get(RETRY_INITIAL).compareTo(r.get(RETRY_MAX)) <= 0, RETRY_INITIAL, RETRY_MAX));

    public static final Option<Options> BUFFER_BLOCK = Option.block("buffer", BUFFER).doc("the sink's buffer").build();
    public static final Option<Options> BATCH_BLOCK = Option.block("batch", BATCH).doc("batching").build();
    public static final Option<Options> RETRY_BLOCK = Option.block("retry", RETRY).doc("retry and circuit breaker").build();

    /** The shared block of every output: bind it with the output's own spec merged in. */
    public static final OptionSpec COMMON = OptionSpec.of("output", "options every output takes",
            BUFFER_BLOCK, BATCH_BLOCK, RETRY_BLOCK);
}
