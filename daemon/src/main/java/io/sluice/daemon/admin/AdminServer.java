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

import io.sluice.daemon.tap.TapHub;
import io.sluice.daemon.tap.TapRequest;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The admin endpoint: {@code GET /health/live}, {@code GET /health/ready}, {@code GET /metrics}
 * (Prometheus text) and {@code GET /tap} (live events as NDJSON, see {@link TapRequest}). One small Netty HTTP server on its own thread, so a busy pipeline never
 * delays a probe.
 */
public final class AdminServer implements AutoCloseable {
    /** A response: status and body (JSON for health, Prometheus text for metrics). */
    public record Reply(int status, String contentType, String body) {}

    private final Supplier<Reply> live;
    private final Supplier<Reply> ready;
    private final Supplier<Reply> metrics;
    private final TapHub taps;
    private EventLoopGroup group;
    private Channel channel;

    public AdminServer(Supplier<Reply> live, Supplier<Reply> ready, Supplier<Reply> metrics) {
        this(live, ready, metrics, null);
    }

    /** @param taps the open taps of {@code GET /tap}; null: no tap endpoint */
    public AdminServer(Supplier<Reply> live, Supplier<Reply> ready, Supplier<Reply> metrics, TapHub taps) {
        this.live = live;
        this.ready = ready;
        this.metrics = metrics;
        this.taps = taps;
    }

    public InetSocketAddress start(InetSocketAddress listen) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024), new Handler());
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

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            String path = uri.path();
            Reply reply;
            if (!HttpMethod.GET.equals(req.method()) && !HttpMethod.HEAD.equals(req.method())) {
                reply = new Reply(405, "text/plain", "only GET\n");
            } else if (path.equals("/tap") && taps != null && HttpMethod.HEAD.equals(req.method())) {
                reply = new Reply(405, "text/plain", "/tap streams events: use GET\n");
            } else if (path.equals("/tap") && taps != null) {
                try {
                    TapStream.start(ctx, taps, taps.subscribe(TapRequest.parse(uri.parameters())));
                    return;
                } catch (IllegalArgumentException e) {
                    reply = new Reply(400, "text/plain", e.getMessage() + "\n");
                } catch (IllegalStateException e) {
                    reply = new Reply(503, "text/plain", e.getMessage() + "\n");
                }
            } else {
                reply = switch (path) {
                    case "/health/live" -> live.get();
                    case "/health/ready" -> ready.get();
                    case "/metrics" -> metrics.get();
                    default -> new Reply(404, "text/plain", "not found; try /health/live, /health/ready, /metrics or /tap\n");
                };
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
            HttpUtil.setContentLength(res, body.length);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(res, keepAlive);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
