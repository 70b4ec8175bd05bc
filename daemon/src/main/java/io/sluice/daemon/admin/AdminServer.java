package io.sluice.daemon.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import io.sluice.daemon.tap.TapHub;
import io.sluice.daemon.tap.TapRequest;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The admin endpoint: {@code GET /health} (every component, HealthChecks UI's JSON), {@code GET /health/live},
 * {@code GET /health/ready}, {@code GET /metrics}
 * (Prometheus text) and {@code GET /tap} (live events as NDJSON, see {@link TapRequest}). One small Netty HTTP server on its own thread, so a busy pipeline never
 * delays a probe. Who may use which path is {@link AdminAccess}; what one client may hold
 * (connections, time to send a request, open taps) is {@link AdminLimits}, so idle, half-sent or
 * never-reading clients cannot exhaust descriptors or memory.
 */
public final class AdminServer implements AutoCloseable {
    /** A response: status and body (JSON for health, Prometheus text for metrics). */
    public record Reply(int status, String contentType, String body) {}

    /** The plain GET paths ({@code /health}, {@code /health/live}, {@code /health/ready}, {@code /metrics}) and what answers each. */
    private final Map<String, Supplier<Reply>> paths;
    private final TapHub taps;
    private final AdminAccess access;
    private final AdminLimits limits;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong refusedConnections = new AtomicLong();
    private EventLoopGroup group;
    private Channel channel;

    /** @param taps the open taps of {@code GET /tap}; null: no tap endpoint */
    public AdminServer(Map<String, Supplier<Reply>> paths, TapHub taps, AdminAccess access, AdminLimits limits) {
        this.paths = Map.copyOf(paths);
        this.taps = taps;
        this.access = access;
        this.limits = limits;
    }

    /** Connections closed at once because {@link AdminLimits#maxConnections()} were open. */
    public long refusedConnections() {
        return refusedConnections.get();
    }

    public InetSocketAddress start(InetSocketAddress listen) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connections.incrementAndGet() > limits.maxConnections()) {
                            connections.decrementAndGet();
                            refusedConnections.incrementAndGet();
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        long timeout = limits.requestTimeout().toMillis();
                        ch.pipeline().addLast(IDLE, new IdleStateHandler(timeout, 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024), new Handler());
                    }
                })
                .bind(new InetSocketAddress(listen.getHostString(), listen.getPort()))
                .sync()
                .channel();
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        if (channel != null) channel.close().awaitUninterruptibly();
        if (group != null) group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static final String IDLE = "idle";

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            String path = uri.path();
            Reply reply;
            AdminAccess.Decision decision = access.decide(path, req.headers().get(HttpHeaderNames.AUTHORIZATION));
            if (decision == AdminAccess.Decision.UNAUTHORIZED) {
                reply = new Reply(401, "text/plain", "this path needs the admin bearer token (Authorization: Bearer ...)\n");
            } else if (decision == AdminAccess.Decision.FORBIDDEN) {
                reply = new Reply(403, "text/plain", "/tap shows every event, so it is served beyond loopback only with "
                        + "admin.token_file set; the health probes stay open\n");
            } else if (!HttpMethod.GET.equals(req.method()) && !HttpMethod.HEAD.equals(req.method())) {
                reply = new Reply(405, "text/plain", "only GET\n");
            } else if (path.equals("/tap") && taps != null && HttpMethod.HEAD.equals(req.method())) {
                reply = new Reply(405, "text/plain", "/tap streams events: use GET\n");
            } else if (path.equals("/tap") && taps != null) {
                try {
                    TapStream.start(ctx, taps, taps.subscribe(TapRequest.parse(uri.parameters())));
                    ctx.pipeline().remove(IDLE); // a tap client only reads: not idle while it streams
                    return;
                } catch (IllegalArgumentException e) {
                    reply = new Reply(400, "text/plain", e.getMessage() + "\n");
                } catch (IllegalStateException e) {
                    reply = new Reply(503, "text/plain", e.getMessage() + "\n");
                }
            } else {
                Supplier<Reply> answer = paths.get(path);
                reply = answer != null ? answer.get() : new Reply(404, "text/plain",
                        "not found; try " + String.join(", ", new java.util.TreeSet<>(paths.keySet())) + " or /tap\n");
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
            if (reply.status() == 401) res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"sluice-admin\"");
            HttpUtil.setContentLength(res, body.length);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(res, keepAlive);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.close(); // no whole request within the request timeout: idle or half-sent
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
