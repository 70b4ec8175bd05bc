package io.sluice.inputs.net;

import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a {@link NetServer} listens.
 *
 * @param listen         address to bind (port 0 picks a free port; see {@link NetServer#boundAddress()})
 * @param maxConnections connections beyond this are closed at once
 * @param idleTimeout    a connection that sends nothing this long is closed; zero keeps it open
 * @param tls            the current TLS context for each new connection, or null for plain TCP
 */
public record ServerSettings(InetSocketAddress listen, int maxConnections, Duration idleTimeout,
                             Supplier<SslContext> tls) {
}
