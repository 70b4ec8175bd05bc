package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sluice.api.framing.HeldBytes;
import io.sluice.api.plugin.RawBatch;
import io.sluice.inputs.multiline.LineEnvelope;
import io.sluice.inputs.multiline.MultilineJoiner;
import io.sluice.inputs.multiline.MultilineSettings;

import java.util.function.Supplier;

/**
 * What every stream framer does around its own cutting rule: takes each {@link ByteBuf}, releases it
 * when done (whatever happens), and passes the batch of records on at the end of each read burst.
 * Subclasses only cut. Stateful framers are never shared between channels.
 *
 * <p>With {@link #joining} set, records go through a {@link MultilineJoiner} first (one per
 * connection, so a stack trace sent over one connection is one event): a joined event leaves when
 * the next one starts, at its limits, when the connection closes, or after the flush timeout, on a
 * timer on the channel's event loop. What the joiner holds is charged to the handler's
 * {@link HeldBytes} account and given back when the connection ends.
 */
public abstract class FramingHandler extends ChannelInboundHandlerAdapter {
    /** Where the framed records go. */
    protected final BatchWriter out;
    /** Where what this connection holds for its client (a partial record, an event being joined) is charged. */
    protected final HeldBytes account;
    private ChannelHandlerContext ctx;
    private MultilineJoiner joiner;
    private JoinFlushTimer flushTimer;

    protected FramingHandler(Supplier<RawBatch> batches, HeldBytes account) {
        this.out = new BatchWriter(batches);
        this.account = account;
    }

    /**
     * Joins continuation records per {@code multiline} (null: every record stands alone), reading
     * the text of each where {@code envelope} says it is (the whole line, or a syslog message's MSG).
     */
    public FramingHandler joining(MultilineSettings multiline, LineEnvelope envelope) {
        if (multiline != null) {
            joiner = multiline.joiner((b, off, len, flags, recordOffset, position) -> out.add(ctx, b, off, len, flags),
                    envelope, account);
            flushTimer = new JoinFlushTimer(multiline.flushTimeout(), touchedBefore -> {
                joiner.flush(touchedBefore);
                out.flush(ctx);
            }, joiner::oldestTouchNanos);
        }
        return this;
    }

    protected final boolean isJoining() {
        return joiner != null;
    }

    /** Passes one framed record on: to the joiner when joining, else straight into the batch. */
    protected final void record(ChannelHandlerContext ctx, byte[] b, int off, int len, int flags) {
        if (joiner != null) {
            this.ctx = ctx;
            joiner.record(b, off, len, flags, 0, 0);
        } else {
            out.add(ctx, b, off, len, flags);
        }
    }

    /** Cuts records out of {@code buf[readerIndex..writerIndex)}; the caller releases the buffer. */
    protected abstract void frame(ChannelHandlerContext ctx, ByteBuf buf);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            frame(ctx, buf);
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (joiner != null) {
            this.ctx = ctx;
            flushTimer.armIfWaiting(ctx.channel());
        }
        out.flush(ctx);
        ctx.fireChannelReadComplete();
    }

    /**
     * At the end of the connection: sends every event still being joined and gives back what the
     * joiner held (the subclass then flushes {@link #out}).
     */
    protected final void flushJoined(ChannelHandlerContext ctx) {
        if (joiner == null) return;
        this.ctx = ctx;
        joiner.flush(Long.MAX_VALUE);
        joiner.close();
        flushTimer.cancel();
    }
}
