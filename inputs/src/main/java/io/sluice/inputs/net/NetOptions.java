package io.sluice.inputs.net;

import io.sluice.api.option.Option;
import io.sluice.api.option.Types;

import java.time.Duration;

/** Options every socket-listening input shares, declared once so they read the same everywhere. */
public final class NetOptions {
    private NetOptions() {}

    public static final Option<Integer> MAX_CONNECTIONS = Option.of("max_connections", Types.INT)
            .defaultValue(1000)
            .check(n -> n > 0, "must be at least 1")
            .doc("Most connections open at once; further connections are closed at once and counted.")
            .build();

    public static final Option<Duration> IDLE_TIMEOUT = Option.of("idle_timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofHours(1))
            .doc("Close a connection that sent nothing for this long (not while Sluice itself paused "
                    + "reading because of backpressure); 0s keeps idle connections open.")
            .build();

    public static final Option<Duration> PARTIAL_LINE_TIMEOUT = Option.of("partial_line_timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofMinutes(5))
            .doc("Close a connection that holds the start of a line without its end (syslog: or part of an "
                    + "octet-counted frame, a length alone included) and sent nothing for this "
                    + "long (not while Sluice itself paused reading); that part is dropped, its bytes given back to "
                    + "pipeline.held_bytes, and the close "
                    + "counted (sluice_input_connections_closed_total{reason=\"partial_line_timeout\"}). 0s never closes.")
            .build();

    public static final Option<String> SERVICE = Option.of("service", Types.STRING)
            .doc("service.name for records that do not name their service.")
            .build();

    public static final Option<Boolean> KEEP_ORIGINAL = Option.of("keep_original", Types.BOOL)
            .defaultValue(false)
            .doc("Keep each raw record in event.original.")
            .build();
}
