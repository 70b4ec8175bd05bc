package io.sluice.daemon.admin;

import java.time.Duration;

/**
 * What one client of the admin endpoint may hold: connections are capped (the rest are closed at
 * once, so file descriptors cannot run out and the probes always get one), a request must arrive
 * whole within {@code requestTimeout}, and an idle keep-alive connection is closed after
 * {@code idleTimeout}. A {@code /tap} stream is exempt from the idle rule while it streams.
 *
 * @param maxConnections open connections at most, taps included
 * @param requestTimeout time to send a whole request (a half-sent request is closed after it)
 * @param maxTaps        open taps at most
 */
public record AdminLimits(int maxConnections, Duration requestTimeout, int maxTaps) {
    public static final AdminLimits DEFAULT = new AdminLimits(64, Duration.ofSeconds(10), 8);
}
