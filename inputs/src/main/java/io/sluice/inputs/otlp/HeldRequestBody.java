package io.sluice.inputs.otlp;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.sluice.api.framing.HeldBytes;

import java.util.function.Supplier;

/**
 * Charges the body of the OTLP/HTTP request being gathered (by the aggregator after this handler) to
 * the pipeline's held-bytes account, so many exporters sending large requests at once cannot
 * together hold more than {@code pipeline.held_bytes}; the charge is given back once the request
 * was handled or the connection or stream closed. Only what the aggregator keeps is charged: at
 * most {@code max_request_bytes} a request (beyond it the aggregator answers 413 and drops the rest).
 *
 * <p>A request the account has no room for is answered 429 with Retry-After, as when the pipeline
 * is full (exporters resend it): the aggregator's part of it is dropped (the aggregator is replaced
 * by a fresh one), the rest of the body is read and dropped, and the connection stays open. One per
 * connection or HTTP/2 stream.
 */
final class HeldRequestBody extends ChannelInboundHandlerAdapter {
    private final HeldBytes account;
    private final int maxRequestBytes;
    private final String aggregatorName;
    private final Supplier<ChannelHandler> aggregators;
    private final long retryAfterSeconds;
    private final Runnable onThrottled;
    private long charged;
    private long seen;
    private boolean refusing;
    private boolean keepAlive;

    /** @param aggregatorName the aggregator after this handler, replaced by one from {@code aggregators} on a refusal */
    HeldRequestBody(HeldBytes account, int maxRequestBytes, String aggregatorName, Supplier<ChannelHandler> aggregators,
                    long retryAfterSeconds, Runnable onThrottled) {
        this.account = account;
        this.maxRequestBytes = maxRequestBytes;
        this.aggregatorName = aggregatorName;
        this.aggregators = aggregators;
        this.retryAfterSeconds = retryAfterSeconds;
        this.onThrottled = onThrottled;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest start) {
            keepAlive = HttpUtil.isKeepAlive(start);
            seen = 0;
        }
        if (!(msg instanceof HttpContent content)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean last = msg instanceof LastHttpContent;
        if (!refusing && !charge(content.content().readableBytes())) refuse(ctx);
        if (refusing) {
            ReferenceCountUtil.release(msg);
            if (last) answerRefused(ctx);
            return;
        }
        if (!last) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ctx.fireChannelRead(msg); // the aggregator passes the whole request on, and it is handled, in this call
        } finally {
            giveBack();
        }
    }

    /** False when the account has no room; bytes past {@code max_request_bytes} are the aggregator's to refuse. */
    private boolean charge(int n) {
        long keep = Math.max(0, Math.min(n, maxRequestBytes - seen));
        seen += n;
        if (keep == 0) return true;
        if (!account.tryCharge(keep)) return false;
        charged += keep;
        return true;
    }

    private void refuse(ChannelHandlerContext ctx) {
        refusing = true;
        giveBack();
        // drops the request's start and the body gathered so far (handlerRemoved releases them)
        ctx.pipeline().replace(aggregatorName, aggregatorName, aggregators.get());
    }

    private void answerRefused(ChannelHandlerContext ctx) {
        refusing = false;
        onThrottled.run();
        OtlpHttpHandler.respond(ctx, keepAlive,
                OtlpHttpHandler.retryLater("too many request bytes held for clients, retry later", retryAfterSeconds));
    }

    private void giveBack() {
        account.release(charged);
        charged = 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        giveBack();
        super.channelInactive(ctx);
    }
}
