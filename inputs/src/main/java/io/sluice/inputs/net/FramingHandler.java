package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sluice.api.plugin.RawBatch;

import java.util.function.Supplier;

/**
 * What every stream framer does around its own cutting rule: takes each {@link ByteBuf}, releases it
 * when done (whatever happens), and passes the batch of records on at the end of each read burst.
 * Subclasses only cut. Stateful framers are never shared between channels.
 */
public abstract class FramingHandler extends ChannelInboundHandlerAdapter {
    /** Where the framed records go. */
    protected final BatchWriter out;

    protected FramingHandler(Supplier<RawBatch> batches) {
        this.out = new BatchWriter(batches);
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
        out.flush(ctx);
        ctx.fireChannelReadComplete();
    }
}
