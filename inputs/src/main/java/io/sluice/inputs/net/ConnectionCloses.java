package io.sluice.inputs.net;

import io.micrometer.core.instrument.Counter;
import io.sluice.api.plugin.InputContext;

/**
 * {@code sluice_input_connections_closed_total{input,reason}}: connections Sluice closed itself, by
 * reason, so an operator can tell a client that half-sent a line from one that went quiet.
 */
public final class ConnectionCloses {
    private ConnectionCloses() {}

    /** Sent nothing for {@code idle_timeout}. */
    public static final String IDLE_TIMEOUT = "idle_timeout";
    /** Held an unterminated line (or part of an octet-counted frame) and sent nothing for {@code partial_line_timeout}. */
    public static final String PARTIAL_LINE_TIMEOUT = "partial_line_timeout";

    public static Runnable counter(InputContext context, String inputId, String reason) {
        Counter c = Counter.builder("sluice.input.connections.closed").tag("input", inputId).tag("reason", reason)
                .description("connections Sluice closed, by reason").register(context.meters());
        return c::increment;
    }
}
