package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sluice.api.framing.HeldBytes;
import io.sluice.api.framing.LineDelimiters;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Chooses a connection's framer from its first bytes, then replaces itself with it and hands it every
 * byte seen so far. The first read may end before the bytes that decide (a first message longer than
 * one TCP segment): until {@link #choose} decides, reads are kept, as a copy, so the event loop's reused
 * read buffer is not held. At most {@link #MAX_UNDECIDED} bytes wait, charged to the input's held-bytes
 * account, for at most {@link #MAX_WAIT_MILLIS}: past either, when the account has no room, and when the
 * connection ends, the choice is forced, and the framer's own limits (its partial-line timeout) apply from
 * there. One instance per channel.
 */
public abstract class FramingChoice extends ChannelInboundHandlerAdapter {
    /** How many bytes may wait for the choice; a sender that has not shown its framing by then gets the default. */
    public static final int MAX_UNDECIDED = 8 * 1024;
    /** How long bytes may wait for the choice: the rest of a first message split by TCP comes within it. */
    public static final long MAX_WAIT_MILLIS = 200;

    private final HeldBytes account;
    private ByteBuf undecided;
    private ScheduledFuture<?> deadline;

    /** @param account where the bytes waiting for the choice are charged ({@link #MAX_UNDECIDED} at once) */
    protected FramingChoice(HeldBytes account) {
        this.account = account;
    }

    /**
     * The framer for a connection whose first bytes are {@code seen} (not to be consumed), or null when they
     * do not decide yet; with {@code force} set, a framer always.
     */
    protected abstract ChannelHandler choose(ByteBuf seen, boolean force);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf) || !buf.isReadable() && undecided == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf seen = buf;
        if (undecided != null) {
            undecided.writeBytes(buf);
            buf.release();
            seen = undecided;
        }
        ChannelHandler framer = choose(seen, seen.readableBytes() >= MAX_UNDECIDED);
        if (framer == null && undecided == null && !account.tryCharge(MAX_UNDECIDED)) framer = choose(seen, true);
        if (framer == null) {
            if (undecided == null) {
                undecided = Unpooled.buffer(MAX_UNDECIDED);
                undecided.writeBytes(buf);
                buf.release();
                deadline = ctx.executor().schedule(() -> forceChoice(ctx), MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        handOff();
        install(ctx, framer);
        // a removed context still forwards to the handler that followed it: the new framer
        ctx.fireChannelRead(seen);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        forceChoice(ctx); // the connection ended before its bytes decided: the default takes them
        super.channelInactive(ctx);
    }

    private void forceChoice(ChannelHandlerContext ctx) {
        if (undecided == null) return;
        ByteBuf seen = undecided;
        handOff();
        install(ctx, choose(seen, true));
        ctx.fireChannelRead(seen);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (undecided != null) {
            undecided.release();
            handOff();
        }
    }

    /** The bytes that waited are passed on (or dropped): their charge is given back. */
    private void handOff() {
        if (undecided != null) {
            undecided = null;
            account.release(MAX_UNDECIDED);
            deadline.cancel(false);
        }
    }

    /**
     * The delimiters of a sender whose first message ends at the NUL at {@code nul}: NUL only, unless a
     * newline follows it, which is a sender that ends messages with both (either then ends one).
     */
    protected static LineDelimiters endingAtNul(ByteBuf seen, int nul) {
        boolean newlineNext = nul + 1 < seen.writerIndex()
                && (seen.getByte(nul + 1) == '\n' || seen.getByte(nul + 1) == '\r');
        return newlineNext ? LineDelimiters.NEWLINE_OR_NUL : LineDelimiters.NUL;
    }

    private void install(ChannelHandlerContext ctx, ChannelHandler framer) {
        ctx.pipeline().addAfter(ctx.name(), "framer", framer);
        ctx.pipeline().remove(this);
    }
}
