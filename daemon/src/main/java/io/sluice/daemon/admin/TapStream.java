package io.sluice.daemon.admin;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.sluice.daemon.tap.TapHub;
import io.sluice.daemon.tap.TapSubscriber;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streams one open tap to its HTTP client as NDJSON in chunks: every {@value #TICK_MILLIS} ms the
 * events waiting in the tap's queue are written, but only while the client keeps up (the channel is
 * writable) — otherwise the queue fills and the tap drops, never the pipeline. Ends the response
 * when the limit is reached or the time is up; a client hanging up closes the tap.
 */
final class TapStream {
    private static final long TICK_MILLIS = 50;
    private static final int CHUNK_BYTES = 64 * 1024;

    private final ChannelHandlerContext ctx;
    private final TapHub hub;
    private final TapSubscriber tap;
    private final long deadlineNanos;
    private ScheduledFuture<?> ticker;
    private boolean ended;

    private TapStream(ChannelHandlerContext ctx, TapHub hub, TapSubscriber tap) {
        this.ctx = ctx;
        this.hub = hub;
        this.tap = tap;
        this.deadlineNanos = System.nanoTime() + tap.request().maxDuration().toNanos();
    }

    /** Sends the response head and starts streaming; runs on the channel's event loop. */
    static void start(ChannelHandlerContext ctx, TapHub hub, TapSubscriber tap) {
        TapStream s = new TapStream(ctx, hub, tap);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-ndjson");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
        ctx.channel().closeFuture().addListener(f -> s.end(false));
        s.ticker = ctx.executor().scheduleAtFixedRate(s::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (ended) return;
        if (ctx.channel().isWritable()) {
            ByteBuf chunk = null;
            byte[] json;
            while ((chunk == null || chunk.readableBytes() < CHUNK_BYTES) && (json = tap.poll()) != null) {
                if (chunk == null) chunk = ctx.alloc().buffer(CHUNK_BYTES);
                chunk.writeBytes(json).writeByte('\n');
            }
            if (chunk != null) ctx.writeAndFlush(new DefaultHttpContent(chunk));
        }
        if (tap.finished() || System.nanoTime() - deadlineNanos > 0) end(true);
    }

    private void end(boolean writeLast) {
        if (ended) return;
        ended = true;
        if (ticker != null) ticker.cancel(false);
        hub.unsubscribe(tap);
        if (writeLast && ctx.channel().isActive()) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
