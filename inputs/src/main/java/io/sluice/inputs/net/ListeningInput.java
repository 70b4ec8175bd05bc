package io.sluice.inputs.net;

import io.sluice.api.plugin.Input;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * An input that is one TCP listener ({@link NetServer}): readiness, the bound address and stopping
 * all follow the server, so subclasses only build it in {@link #start} and hand it to {@link #listen}.
 */
public abstract class ListeningInput implements Input {
    private volatile NetServer server;

    /** Starts the server and keeps it for the lifecycle methods; throws when the address cannot be bound. */
    protected final void listen(NetServer s) throws InterruptedException {
        server = s;
        s.start();
    }

    /** The address actually listened on (the real port when configured with port 0); null before start. */
    public InetSocketAddress boundAddress() {
        NetServer s = server;
        return s == null ? null : s.boundAddress();
    }

    @Override
    public boolean isReady() {
        NetServer s = server;
        return s != null && s.isListening();
    }

    @Override
    public void stop() {
        NetServer s = server;
        if (s != null) s.stop();
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        NetServer s = server;
        return s == null || s.awaitStop(timeout);
    }
}
