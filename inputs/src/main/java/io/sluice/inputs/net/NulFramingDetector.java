package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sluice.api.framing.LineDelimiters;

import java.util.function.Function;

/**
 * Picks a line-framed connection's delimiter from its first read and replaces itself with the framer
 * for it: records end at newline, unless the first record ends at NUL before any newline, as GELF over
 * TCP frames its JSON (Graylog's GELF TCP framing; log4j2's {@code GelfLayout} with
 * {@code includeNullDelimiter}, logback-gelf, Docker's gelf driver): such a connection's records end
 * at NUL only. A NUL followed by a newline is a sender that ends records with both: its records end at
 * either (the empty line between them is skipped). Read as newline-framed before, a NUL-framed
 * connection was one record holding every message, cut at the line limit. One instance per channel.
 */
public final class NulFramingDetector extends ChannelInboundHandlerAdapter {
    private final Function<LineDelimiters, ChannelHandler> framers;

    /** @param framers the framer for the delimiters chosen (newline or NUL) */
    public NulFramingDetector(Function<LineDelimiters, ChannelHandler> framers) {
        this.framers = framers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            ctx.pipeline().addAfter(ctx.name(), "framer", framers.apply(delimiters(buf)));
            ctx.pipeline().remove(this);
        }
        // a removed context still forwards to the handler that followed it: the new framer
        ctx.fireChannelRead(msg);
    }

    static LineDelimiters delimiters(ByteBuf buf) {
        int from = buf.readerIndex();
        int to = buf.writerIndex();
        int nul = buf.indexOf(from, to, (byte) 0);
        if (nul < 0 || buf.indexOf(from, nul, (byte) '\n') >= 0) return LineDelimiters.NEWLINE;
        boolean newlineNext = nul + 1 < to && (buf.getByte(nul + 1) == '\n' || buf.getByte(nul + 1) == '\r');
        return newlineNext ? LineDelimiters.NEWLINE_OR_NUL : LineDelimiters.NUL;
    }
}
