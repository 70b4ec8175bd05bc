package io.sluice.inputs.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The sockets and event loops of the network inputs: Netty's native epoll transport on Linux, where
 * its library loads, else Java NIO. On epoll S3's event loop took ~12% less CPU per event in a cold run
 * (no measurable change once warm; docs/performance.md, "Session 9: the native epoll transport"); both
 * behave the same for the inputs (TLS, {@code autoRead} backpressure, the reused read buffer).
 * {@code SLUICE_NET_TRANSPORT=nio} forces NIO, e.g. to rule the native library out when a problem
 * shows; the default, {@code auto}, picks epoll where it is available. The choice is made once per
 * process and named in each listener's start-up line.
 */
public enum NetTransport {
    EPOLL {
        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        public Class<? extends ServerChannel> serverSocketChannel() {
            return EpollServerSocketChannel.class;
        }

        @Override
        public Class<? extends DatagramChannel> datagramChannel() {
            return EpollDatagramChannel.class;
        }
    },
    NIO {
        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        public Class<? extends ServerChannel> serverSocketChannel() {
            return NioServerSocketChannel.class;
        }

        @Override
        public Class<? extends DatagramChannel> datagramChannel() {
            return NioDatagramChannel.class;
        }
    };

    /** The environment variable that forces NIO ({@code nio}); {@code auto} or unset picks epoll where it loads. */
    public static final String SETTING = "SLUICE_NET_TRANSPORT";

    public abstract IoHandlerFactory ioHandlerFactory();

    public abstract Class<? extends ServerChannel> serverSocketChannel();

    public abstract Class<? extends DatagramChannel> datagramChannel();

    /** For diagnostics: {@code epoll} or {@code nio}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static final Logger LOG = LoggerFactory.getLogger(NetTransport.class);
    private static NetTransport chosen;

    /**
     * This process's transport, chosen on first use from {@value #SETTING} and the platform (so that a
     * start without network inputs loads neither).
     *
     * @throws IllegalArgumentException when {@value #SETTING} holds neither {@code auto} nor {@code nio}
     */
    public static synchronized NetTransport current() {
        if (chosen == null) chosen = chooseAndSay(System.getenv(SETTING));
        return chosen;
    }

    private static NetTransport chooseAndSay(String setting) {
        if (choose(setting, true) == NIO) return NIO; // forced (or refused: it throws): epoll is not even loaded
        boolean available = Epoll.isAvailable();
        if (!available) {
            // expected on other systems and CPUs (only linux-x86_64's library is shipped): not a warning
            LOG.debug("network inputs use nio: the native epoll transport is unavailable", Epoll.unavailabilityCause());
        }
        return choose(setting, available);
    }

    /**
     * @param setting {@value #SETTING}'s value, or null
     * @throws IllegalArgumentException for a value other than {@code auto} or {@code nio}: a typo must
     *         not silently pick the transport the operator meant to rule out
     */
    static NetTransport choose(String setting, boolean epollAvailable) {
        String s = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "", "auto" -> epollAvailable ? EPOLL : NIO;
            case "nio" -> NIO;
            default -> throw new IllegalArgumentException(SETTING + "='" + setting
                    + "' is not a transport; set auto (epoll where available, else nio) or nio");
        };
    }
}
