package io.sluice.daemon.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Who may use which admin path. The health probes stay open (a kubelet or load balancer probes
 * without credentials, and their bodies carry no event data); {@code /metrics} and {@code /tap}
 * need the bearer token when one is configured. Without a token, {@code /tap} — which shows every
 * event — is served only on a loopback address: an admin endpoint bound to 0.0.0.0 for the probes
 * must not show the event stream to anyone on the network.
 */
public final class AdminAccess {
    /** What the request may do. */
    public enum Decision { ALLOW, UNAUTHORIZED, FORBIDDEN }

    private final byte[] token;
    private final boolean loopbackOnly;

    private AdminAccess(byte[] token, boolean loopbackOnly) {
        this.token = token;
        this.loopbackOnly = loopbackOnly;
    }

    /**
     * @param tokenFile a file whose content (trimmed) is the bearer token; null: no token
     * @param listen    the address the endpoint listens on
     */
    public static AdminAccess of(Path tokenFile, InetSocketAddress listen) throws IOException {
        byte[] token = null;
        if (tokenFile != null) {
            String t = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            if (t.isEmpty()) throw new IOException("admin.token_file " + tokenFile + " is empty");
            token = t.getBytes(StandardCharsets.UTF_8);
        }
        return new AdminAccess(token, isLoopback(listen));
    }

    /** Everything open: for tests and in-process tools on loopback. */
    public static AdminAccess open() {
        return new AdminAccess(null, true);
    }

    static boolean isLoopback(InetSocketAddress listen) {
        String host = listen.getHostString();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }

    public boolean hasToken() {
        return token != null;
    }

    /** Listening beyond loopback with no token: worth a warning at start. */
    public boolean exposedWithoutToken() {
        return !loopbackOnly && token == null;
    }

    /**
     * @param path          the request path
     * @param authorization the request's Authorization header, or null
     */
    public Decision decide(String path, String authorization) {
        if (path.startsWith("/health")) return Decision.ALLOW;
        if (token != null) return bearerMatches(authorization) ? Decision.ALLOW : Decision.UNAUTHORIZED;
        if (path.equals("/tap") && !loopbackOnly) return Decision.FORBIDDEN;
        return Decision.ALLOW;
    }

    private boolean bearerMatches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token); // constant time: no timing oracle on the token
    }
}
