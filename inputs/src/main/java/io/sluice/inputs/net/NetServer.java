package io.sluice.inputs.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on Netty: binds the configured address, enforces the connection limit and idle
 * timeout, adds TLS when configured, and lets the input add its framer and publisher to each
 * accepted connection. One per input; it owns its event loop threads.
 */
public final class NetServer {
    private static final Logger LOG = LoggerFactory.getLogger(NetServer.class);

    /** Adds the input's handlers (framer, publisher) to a new connection. */
    @FunctionalInterface
    public interface ConnectionSetup {
        void init(SocketChannel channel) throws Exception;
    }

    private final String name;
    private final ServerSettings settings;
    private final ConnectionSetup setup;
    private final Runnable onRejected;
    private final AtomicInteger open = new AtomicInteger();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile Channel server;
    private volatile boolean stopping;
    /** Completes when every connection open at {@link #stopReading} has turned reading off. */
    private final java.util.concurrent.CompletableFuture<Void> readingStopped = new java.util.concurrent.CompletableFuture<>();

    /**
     * @param name       for thread names and diagnostics, e.g. {@code tcp app}
     * @param onRejected told for every connection refused by the limit (a counter)
     */
    public NetServer(String name, ServerSettings settings, ConnectionSetup setup, Runnable onRejected) {
        this.name = name;
        this.settings = settings;
        this.setup = setup;
        this.onRejected = onRejected;
        String threads = "sluice-" + name.replace(' ', '-');
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threads + "-accept", true),
                NioIoHandler.newFactory());
        // the event loops only frame; parsing runs on the pipeline's workers
        int n = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.workers = new MultiThreadIoEventLoopGroup(n, new DefaultThreadFactory(threads, true),
                NioIoHandler.newFactory());
    }

    /** Binds and returns once listening; throws when the address cannot be bound. */
    public void start() throws InterruptedException {
        InetSocketAddress address = Addresses.resolve(settings.listen());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.RECVBUF_ALLOCATOR, new ReusedReadBuffer())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) throws Exception {
                        accept(ch);
                    }
                });
        var future = b.bind(address).await();
        if (!future.isSuccess()) {
            close(Duration.ofSeconds(2));
            throw new IllegalStateException(name + ": cannot listen on " + Addresses.describe(address) + ": "
                    + future.cause().getMessage(), future.cause());
        }
        server = future.channel();
        LOG.info("{}: listening on {}", name, Addresses.describe(server.localAddress()));
    }

    private void accept(SocketChannel ch) throws Exception {
        if (stopping) {
            ch.close(); // accepted in the instant before the listener closed: read nothing from it
            return;
        }
        if (open.incrementAndGet() > settings.maxConnections()) {
            open.decrementAndGet();
            onRejected.run();
            LOG.warn("{}: refusing connection from {}: already {} open (max_connections)", name,
                    Addresses.describe(ch.remoteAddress()), settings.maxConnections());
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        channels.add(ch);
        if (settings.tls() != null) {
            SslContext ssl = settings.tls().get();
            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
        }
        Duration idle = settings.idleTimeout();
        if (idle != null && !idle.isZero()) {
            ch.pipeline().addLast("idle", new IdleStateHandler(idle.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        }
        setup.init(ch);
    }

    /** The address actually bound (the real port when the config said port 0); null before start. */
    public InetSocketAddress boundAddress() {
        Channel s = server;
        return s == null ? null : (InetSocketAddress) s.localAddress();
    }

    public boolean isListening() {
        Channel s = server;
        return s != null && s.isActive();
    }

    /** Connections open now. */
    public int connections() {
        return open.get();
    }

    /**
     * The first half of a stop: closes the listener and turns reading off on every connection (each
     * finishes the read it is in, so every whole line read is published), but keeps the connections
     * and the event loops, so that releases arriving while the pipeline drains still find them.
     */
    public void stopReading() {
        if (stopping) return;
        stopping = true;
        Channel s = server;
        if (s != null) s.close().awaitUninterruptibly();
        List<CompletableFuture<Void>> each = new ArrayList<>();
        for (Channel ch : channels) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            each.add(done);
            try {
                ch.eventLoop().execute(() -> {
                    ch.config().setAutoRead(false);
                    ch.pipeline().fireUserEventTriggered(StopReading.INSTANCE);
                    done.complete(null);
                });
            } catch (java.util.concurrent.RejectedExecutionException gone) {
                done.complete(null);
            }
        }
        CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> readingStopped.complete(null));
    }

    /** True once {@link #stopReading} took effect on every connection; false before it was called. */
    public boolean awaitReadingStopped(Duration timeout) throws InterruptedException {
        if (!stopping) return false;
        try {
            readingStopped.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /**
     * The second half: closes every connection (their sources close; half a line is dropped) and
     * shuts the threads down, waiting up to the timeout for them.
     */
    public boolean close(Duration timeout) throws InterruptedException {
        stopReading();
        channels.close().awaitUninterruptibly(timeout.toMillis());
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean bossDone = boss.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        long left = Math.max(0, deadline - System.nanoTime());
        return workers.awaitTermination(left, TimeUnit.NANOSECONDS) && bossDone;
    }
}
