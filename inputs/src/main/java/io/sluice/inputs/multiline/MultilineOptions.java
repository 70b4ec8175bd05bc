package io.sluice.inputs.multiline;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The {@code multiline} block every line input shares (container files, tcp, stdin, syslog senders):
 * the same rules and limits wherever the lines came from.
 */
public final class MultilineOptions {
    /** The built-in rules by name, as {@code mode} and a pod's {@code sluice.io/multiline} annotation name them. */
    public static final List<String> PRESETS = List.of("java", "python", "go", "dotnet");
    /** Joins nothing. */
    public static final String NONE = "none";

    public static final Option<String> MODE = Option.of("mode", Types.oneOf(modes()))
            .defaultValue("none")
            .doc("Built-in rules for joining stack traces: `java` (indented `at` frames, `Caused by:`, `...`), "
                    + "`python` (`Traceback (most recent call last):` to the exception line, chained tracebacks, exception groups and loguru's `> File` frames included), `go` (`panic:` and "
                    + "the goroutine dumps, and the function/file frame lines zap's development logger writes under a line), `dotnet` (the console logger's indented message lines and "
                    + "`   at` frames); `none` joins nothing unless `start_pattern` is set.").build();
    public static final Option<String> START = Option.of("start_pattern", Types.STRING)
            .check(MultilineOptions::compiles, "must be a valid RE2 regular expression (no backreferences or lookaround)")
            .doc("A regular expression (RE2 syntax, linear time: no backreferences or lookaround) matched at the start of each line: a matching line "
                    + "starts a new event, any other line continues the one before. Takes the place of `mode`.")
            .build();
    public static final Option<Integer> MAX_LINES = Option.of("max_lines", Types.INT)
            .defaultValue(500)
            .check(v -> v >= 2, "must be at least 2")
            .doc("Lines per joined event at most; further continuation lines are dropped and the event "
                    + "tagged `truncated`.").build();
    public static final Option<Long> MAX_BYTES = Option.of("max_bytes", Types.BYTE_SIZE)
            .defaultValue(256L * 1024)
            .check(v -> v >= 64 && v <= 64L * 1024 * 1024, "must be between 64 bytes and 64MiB")
            .doc("Bytes per joined event at most; further continuation lines are dropped and the event "
                    + "tagged `truncated`.").build();
    /** Stream inputs only: a file input's own {@code flush_timeout} covers its partial lines and events alike. */
    public static final Option<Duration> FLUSH_TIMEOUT = Option.of("flush_timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(1))
            .check(d -> !d.isNegative() && !d.isZero(), "must be positive")
            .doc("How long a joined event waits for its next line before it is sent as it is.").build();

    private MultilineOptions() {}

    /** The block for a file input (its flush timeout is the input's own). */
    public static final Option<Options> FILE_BLOCK = block();
    /** The block for a stream input (tcp, stdin, syslog), with its own {@code flush_timeout}. */
    public static final Option<Options> STREAM_BLOCK = block(FLUSH_TIMEOUT);

    private static Option<Options> block(Option<?>... more) {
        List<Option<?>> options = new ArrayList<>(List.of(MODE, START, MAX_LINES, MAX_BYTES));
        options.addAll(List.of(more));
        return Option.block("multiline", OptionSpec.of("multiline",
                        "Joins continuation lines (stack traces) into one event; a recognised trace lands in "
                                + "`error.stack_trace`. Waits at most `flush_timeout` for the next line.",
                        options.toArray(Option<?>[]::new)))
                .doc("Multiline joining, off unless `mode` or `start_pattern` is set.").build();
    }

    /** The settings of a stream input's {@link #STREAM_BLOCK}; null when it joins nothing. */
    public static MultilineSettings streamSettings(Options m) {
        return m == null ? null : settings(m, m.get(FLUSH_TIMEOUT));
    }

    /** The settings of a {@code multiline} block, waiting {@code flush} for a next line; null when it joins nothing. */
    public static MultilineSettings settings(Options m, Duration flush) {
        if (m == null) return null;
        String start = m.get(START);
        String mode = m.get(MODE);
        if (start == null && mode.equals("none")) return null;
        return new MultilineSettings(start != null ? "pattern" : mode, start == null ? null : Pattern.compile(start),
                m.get(MAX_LINES), m.get(MAX_BYTES).intValue(), flush);
    }

    /**
     * The settings of a built-in rule chosen by name elsewhere than the block (a pod's annotation),
     * with the block's limits, or the defaults when the input has no block; null for {@code none}.
     *
     * @throws IllegalArgumentException for a name that is neither a preset nor {@code none}
     */
    public static MultilineSettings preset(String mode, Options block, Duration flush) {
        if (mode.equals(NONE)) return null;
        if (!PRESETS.contains(mode)) throw new IllegalArgumentException("no multiline rule " + mode);
        int maxLines = block == null ? MAX_LINES.defaultValue() : block.get(MAX_LINES);
        long maxBytes = block == null ? MAX_BYTES.defaultValue() : block.get(MAX_BYTES);
        return new MultilineSettings(mode, null, maxLines, (int) maxBytes, flush);
    }

    private static String[] modes() {
        List<String> all = new ArrayList<>(List.of(NONE));
        all.addAll(PRESETS);
        return all.toArray(String[]::new);
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
