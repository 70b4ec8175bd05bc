package io.sluice.api.framing;

import io.sluice.api.option.Option;
import io.sluice.api.option.Types;

/** The record limits inputs declare, spelled and checked once: one range, so a record fits a Java array. */
public final class FramingOptions {
    private FramingOptions() {}

    /** The line limit of every line-framed input (tcp, stdin, container): what {@link LineFramer} is given. */
    public static final Option<Long> MAX_LINE_BYTES = recordLimit("max_line_bytes", 1024 * 1024,
            "Longest line (for container files: longest record, after joining the lines a container runtime "
                    + "split) passed on whole, without its line break; a longer one is cut here, tagged `truncated` "
                    + "and the rest of it dropped. Between 1 byte and 256MiB, default 1MiB.");

    /** A byte-size limit for one record under another name (syslog's {@code max_message_bytes}). */
    public static Option<Long> recordLimit(String name, long defaultValue, String doc) {
        return Option.of(name, Types.BYTE_SIZE)
                .defaultValue(defaultValue)
                .check(n -> n >= 1 && n <= 256L * 1024 * 1024, "must be between 1 byte and 256MiB")
                .doc(doc)
                .build();
    }
}
