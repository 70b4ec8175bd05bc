package io.sluice.inputs.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Socket addresses as people read them in source names and diagnostics. */
public final class Addresses {
    private Addresses() {}

    /** {@code 127.0.0.1:40112}, {@code [::1]:40112}; anything else by its {@code toString}. */
    public static String describe(SocketAddress address) {
        if (!(address instanceof InetSocketAddress a)) return String.valueOf(address);
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Resolves a configured (unresolved) listen address; fails clearly when the host is unknown. */
    public static InetSocketAddress resolve(InetSocketAddress configured) {
        InetSocketAddress r = new InetSocketAddress(configured.getHostString(), configured.getPort());
        if (r.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve listen address " + configured.getHostString());
        }
        return r;
    }
}
