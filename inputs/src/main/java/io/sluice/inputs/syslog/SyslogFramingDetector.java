package io.sluice.inputs.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.function.Supplier;

/**
 * Picks the RFC 6587 framing of a connection from its first byte and replaces itself with that
 * framer: a digit starts an octet count (section 3.4.1), anything else (normally {@code <}) means
 * non-transparent framing, a message per line or NUL (section 3.4.2). One instance per channel.
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
            byte first = buf.getByte(buf.readerIndex());
            ChannelHandler framer = first >= '0' && first <= '9' ? octetCounting.get() : nonTransparent.get();
            ctx.pipeline().addAfter(ctx.name(), "framer", framer);
            ctx.pipeline().remove(this);
        }
        // a removed context still forwards to the handler that followed it: the new framer
        ctx.fireChannelRead(msg);
    }
}
