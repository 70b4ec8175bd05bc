package io.sluice.inputs.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A UDP listener on Netty, one thread, receiving datagrams up to 64 KiB into one handler. */
public final class UdpServer {
    private static final Logger LOG = LoggerFactory.getLogger(UdpServer.class);
    /** The largest UDP payload over IPv4 is 65,507 bytes; one buffer of 64 KiB holds any datagram. */
    private static final int MAX_DATAGRAM = 64 * 1024;

    private final String name;
    private final InetSocketAddress listen;
    private final Integer receiveBufferBytes;
    private final EventLoopGroup group;
    private volatile Channel channel;

    /** @param receiveBufferBytes SO_RCVBUF, or null for the system default */
    public UdpServer(String name, InetSocketAddress listen, Integer receiveBufferBytes) {
        this.name = name;
        this.listen = listen;
        this.receiveBufferBytes = receiveBufferBytes;
        this.group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("sluice-" + name.replace(' ', '-'), true), NioIoHandler.newFactory());
    }

    /** Binds with {@code handler} (created for the channel) and returns once receiving. */
    public void start(java.util.function.Function<Channel, ChannelHandler> handler) throws InterruptedException {
        InetSocketAddress address = Addresses.resolve(listen);
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new io.netty.channel.ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(handler.apply(ch));
                    }
                });
        if (receiveBufferBytes != null) b.option(ChannelOption.SO_RCVBUF, receiveBufferBytes);
        var future = b.bind(address).await();
        if (!future.isSuccess()) {
            stop();
            throw new IllegalStateException(name + ": cannot listen on udp " + Addresses.describe(address) + ": "
                    + future.cause().getMessage(), future.cause());
        }
        channel = future.channel();
        LOG.info("{}: receiving on udp {}", name, Addresses.describe(channel.localAddress()));
    }

    /** Counts what the kernel drops for this socket (see {@link KernelDropWatch}); call after {@link #start}. */
    public KernelDropWatch watchKernelDrops(java.util.function.LongConsumer onDropped) {
        KernelDropWatch watch = new KernelDropWatch(new KernelDrops(boundAddress().getPort()), onDropped);
        watch.start(channel);
        return watch;
    }

    public InetSocketAddress boundAddress() {
        Channel c = channel;
        return c == null ? null : (InetSocketAddress) c.localAddress();
    }

    public boolean isListening() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    public void stop() {
        Channel c = channel;
        if (c != null) c.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return group.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
