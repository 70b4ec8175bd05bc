package io.sluice.inputs.otlp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;

import java.util.function.Consumer;

/**
 * Picks the handlers for one HTTP/2 stream by its request's Content-Type: gRPC
 * ({@code application/grpc...}) or OTLP/HTTP, which clients also send over HTTP/2 when TLS's ALPN
 * agreed on h2 (OkHttp, Go, ...). Then removes itself and passes the headers on.
 */
final class StreamDispatcher extends ChannelInboundHandlerAdapter {
    private final Consumer<ChannelPipeline> grpc;
    private final Consumer<ChannelPipeline> http;

    StreamDispatcher(Consumer<ChannelPipeline> grpc, Consumer<ChannelPipeline> http) {
        this.grpc = grpc;
        this.http = http;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2HeadersFrame h)) {
            ReferenceCountUtil.release(msg); // nothing comes before a stream's headers
            return;
        }
        CharSequence type = h.headers().get("content-type");
        boolean isGrpc = type != null && type.toString().startsWith("application/grpc");
        (isGrpc ? grpc : http).accept(ctx.pipeline());
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }
}
