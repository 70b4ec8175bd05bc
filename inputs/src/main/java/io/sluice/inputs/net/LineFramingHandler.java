package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.FastThreadLocal;
import io.sluice.api.framing.LineFramer;
import io.sluice.api.plugin.RawBatch;

import io.sluice.inputs.multiline.LineEnvelope;
import io.sluice.inputs.multiline.MultilineJoiner;
import io.sluice.inputs.multiline.MultilineSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Line framing on a Netty channel: hands each read to the shared {@link LineFramer} (the cutting
 * rule, the limit and the truncation live there) and copies the lines it cuts into
 * {@link RawBatch}es, skipping empty ones. A batch is passed on when full and at the end of every
 * read burst; at end of stream an unterminated last line is still passed on.
 *
 * <p>The framer works on arrays: a heap buffer is framed in place, a direct one (what socket reads
 * fill) is first copied in one block into a scratch array, which costs one memcpy per read and none
 * per line. The scratch array is per event-loop thread, not per connection: it is only used during
 * one read (the framer copies out what it keeps), so idle connections hold no read-sized array.
 *
 * <p>With {@link #joining} set, lines go through a {@link MultilineJoiner} first (one per connection,
 * so a stack trace sent over one connection is one event): a joined event leaves when the next one
 * starts, at its limits, when the connection closes, or after the flush timeout, on a timer on the
 * channel's event loop.
 *
 * <p>The partial line and the event being joined are charged to the input's {@link LineFraming#account}
 * and given back when the connection ends. A connection that holds a partial line and sends nothing
 * for {@link LineFraming#partialLineTimeout} (while reading is on) is closed, its partial line dropped.
 *
 * <p>Stateful: one instance per channel, never shared.
 */
public final class LineFramingHandler extends FramingHandler implements LineFramer.LineSink {
    private static final Logger LOG = LoggerFactory.getLogger(LineFramingHandler.class);

    private final LineFramer framer;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[64 * 1024];
        }
    };

    private final LineFraming settings;
    private final long partialTimeoutNanos;
    private ChannelHandlerContext ctx;
    private final MultilineJoiner joiner;
    private long flushTimeoutNanos;
    private ScheduledFuture<?> flushTimer;
    private ScheduledFuture<?> partialTimer;
    private long lastReadNanos;

    /** @param batches where empty batches come from */
    public LineFramingHandler(LineFraming settings, Supplier<RawBatch> batches) {
        super(batches);
        this.settings = settings;
        this.framer = LineFramer.forConnection(settings.maxLength(), settings.nulDelimits(), settings.account());
        this.partialTimeoutNanos = settings.partialLineTimeout().toNanos();
        MultilineSettings multiline = settings.multiline();
        if (multiline != null) {
            joiner = multiline.joiner((b, off, len, flags, recordOffset, position) -> out.add(ctx, b, off, len, flags),
                    LineEnvelope.PLAIN, settings.account());
            flushTimeoutNanos = multiline.flushTimeout().toNanos();
        } else {
            joiner = null;
        }
    }

    @Override
    protected void frame(ChannelHandlerContext ctx, ByteBuf buf) {
        this.ctx = ctx;
        lastReadNanos = System.nanoTime();
        int len = buf.readableBytes();
        if (buf.hasArray()) {
            framer.feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), len, this);
        } else {
            byte[] scratch = SCRATCH.get();
            if (scratch.length < len) {
                scratch = new byte[len];
                SCRATCH.set(scratch);
            }
            buf.getBytes(buf.readerIndex(), scratch, 0, len);
            framer.feed(scratch, 0, len, this);
        }
    }

    @Override
    public void line(byte[] b, int off, int len, boolean truncated, long start, long end) {
        if (len == 0) return;
        int flags = truncated ? RawBatch.TRUNCATED : 0;
        if (joiner != null) {
            joiner.record(b, off, len, flags, 0, 0);
        } else {
            out.add(ctx, b, off, len, flags);
        }
        if (truncated) settings.onTruncated().run();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (joiner != null && joiner.hasPending() && flushTimer == null) scheduleFlush(ctx, flushTimeoutNanos);
        if (partialTimeoutNanos > 0 && partialTimer == null && framer.hasPartial()) {
            schedulePartialCheck(ctx, partialTimeoutNanos);
        }
        super.channelReadComplete(ctx);
    }

    /**
     * Closes the connection once it held a partial line without sending for the timeout. Not while
     * reading is off: then Sluice itself (backpressure, a stop) is why nothing arrives.
     */
    private void schedulePartialCheck(ChannelHandlerContext ctx, long delayNanos) {
        partialTimer = ctx.executor().schedule(() -> {
            partialTimer = null;
            if (!ctx.channel().isActive() || !framer.hasPartial()) return;
            long quiet = System.nanoTime() - lastReadNanos;
            if (quiet < partialTimeoutNanos || !ctx.channel().config().isAutoRead()) {
                schedulePartialCheck(ctx, Math.max(1, partialTimeoutNanos - Math.max(0, quiet)));
                return;
            }
            LOG.info("closing {}: it held an unterminated line and sent nothing for {} (partial_line_timeout); "
                    + "the line is dropped", ctx.channel().remoteAddress(), settings.partialLineTimeout());
            settings.onPartialTimeout().run();
            framer.close(); // dropped, not passed on as the connection's last line
            ctx.close();
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Sends the joined events that waited the flush timeout for a next line; checks again for the rest. */
    private void scheduleFlush(ChannelHandlerContext ctx, long delayNanos) {
        flushTimer = ctx.executor().schedule(() -> {
            flushTimer = null;
            if (!ctx.channel().isActive()) return;
            this.ctx = ctx;
            joiner.flush(System.nanoTime() - flushTimeoutNanos + 1);
            out.flush(ctx);
            long oldest = joiner.oldestTouchNanos();
            if (oldest != Long.MAX_VALUE) {
                scheduleFlush(ctx, Math.max(1, oldest + flushTimeoutNanos - System.nanoTime()));
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        framer.flush(this);
        framer.close();
        if (joiner != null) {
            joiner.flush(Long.MAX_VALUE);
            joiner.close();
            if (flushTimer != null) flushTimer.cancel(false);
        }
        if (partialTimer != null) partialTimer.cancel(false);
        out.flush(ctx);
        super.channelInactive(ctx);
    }
}
