package io.sluice.inputs.framing;

import io.sluice.api.option.Option;
import io.sluice.api.option.Types;

/** Options every line-framed input shares, so limits are spelled and checked the same everywhere. */
public final class FramingOptions {
    public static final Option<Long> MAX_LINE_BYTES = Option.of("max_line_bytes", Types.BYTE_SIZE)
            .defaultValue(256L * 1024)
            .check(v -> v >= 64 && v <= 64L * 1024 * 1024, "must be between 64 bytes and 64MiB")
            .doc("Longest record kept (after joining lines a container runtime split); the rest of a longer "
                    + "one is dropped and the event tagged `truncated`.").build();

    private FramingOptions() {}
}
