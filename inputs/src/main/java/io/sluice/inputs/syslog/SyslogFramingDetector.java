package io.sluice.inputs.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.function.Supplier;

/**
 * Picks the RFC 6587 framing of a connection from its first bytes and replaces itself with that
 * framer: a digit starts an octet count (section 3.4.1), anything else (normally {@code <})
 * means non-transparent framing, a message per line or NUL (section 3.4.2). A date first is a line
 * without PRI (a relay template such as syslog-ng's {@code $ISODATE $HOST $MSGHDR$MSG}), passed on
 * raw by the decoder rather than misread as a length. One instance per channel.
 */
public final class SyslogFramingDetector extends ChannelInboundHandlerAdapter {
    private final Supplier<ChannelHandler> octetCounting;
    private final Supplier<ChannelHandler> nonTransparent;

    public SyslogFramingDetector(Supplier<ChannelHandler> octetCounting, Supplier<ChannelHandler> nonTransparent) {
        this.octetCounting = octetCounting;
        this.nonTransparent = nonTransparent;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            ChannelHandler framer = startsWithOctetCount(buf) ? octetCounting.get() : nonTransparent.get();
            ctx.pipeline().addAfter(ctx.name(), "framer", framer);
            ctx.pipeline().remove(this);
        }
        // a removed context still forwards to the handler that followed it: the new framer
        ctx.fireChannelRead(msg);
    }

    /**
     * A digit first, except a date ("2026-12-02T..."): four digits and a dash cannot start a valid
     * octet count. Other digit runs stay octet counts, so a malformed count is a framing error.
     */
    private static boolean startsWithOctetCount(ByteBuf buf) {
        int p = buf.readerIndex();
        byte first = buf.getByte(p);
        if (first < '0' || first > '9') return false;
        if (buf.readableBytes() < 5) return true;
        for (int i = 1; i < 4; i++) {
            byte c = buf.getByte(p + i);
            if (c < '0' || c > '9') return true;
        }
        return buf.getByte(p + 4) != '-';
    }
}
