package io.sluice.inputs.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import io.sluice.api.framing.LineDelimiters;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Picks the RFC 6587 framing of a connection from its first bytes and replaces itself with that
 * framer: a digit starts an octet count (section 3.4.1), anything else (normally {@code <})
 * means non-transparent framing, a message per line or NUL (section 3.4.2). A date first is a line
 * without PRI (a relay template such as syslog-ng's {@code $ISODATE $HOST $MSGHDR$MSG}), passed on
 * raw by the decoder rather than misread as a length.
 *
 * <p>A sender whose first message ends at NUL gets messages ended by NUL only: such senders (Python's
 * {@code logging.handlers.SysLogHandler} over TCP) put a multi-line message (a traceback) in one frame
 * and end it with NUL, and cutting it at its newlines too made each further line an event of its own,
 * with no header. Only when nothing in that first read says otherwise: a line starting like a syslog
 * message ({@code <} and a digit) after a newline is a sender that ends messages at newlines (or at
 * both), and a NUL followed by a newline is one that ends them with both; both keep newline-or-NUL
 * framing. One instance per channel.
 */
public final class SyslogFramingDetector extends ChannelInboundHandlerAdapter {
    private final Supplier<ChannelHandler> octetCounting;
    private final Function<LineDelimiters, ChannelHandler> nonTransparent;

    public SyslogFramingDetector(Supplier<ChannelHandler> octetCounting,
                                 Function<LineDelimiters, ChannelHandler> nonTransparent) {
        this.octetCounting = octetCounting;
        this.nonTransparent = nonTransparent;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            ChannelHandler framer = startsWithOctetCount(buf) ? octetCounting.get()
                    : nonTransparent.apply(firstMessageEndsAtNul(buf) ? LineDelimiters.NUL : LineDelimiters.NEWLINE_OR_NUL);
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

    /** True when the first read holds a whole first message that ends at NUL (see the class comment). */
    static boolean firstMessageEndsAtNul(ByteBuf buf) {
        int from = buf.readerIndex();
        int to = buf.writerIndex();
        if (buf.getByte(from) != '<') return false;
        int nul = buf.indexOf(from, to, (byte) 0);
        if (nul < 0) return false;
        if (nul + 1 < to && (buf.getByte(nul + 1) == '\n' || buf.getByte(nul + 1) == '\r')) return false;
        for (int nl = buf.indexOf(from, to, (byte) '\n'); nl >= 0; nl = buf.indexOf(nl + 1, to, (byte) '\n')) {
            if (nl + 2 < to && buf.getByte(nl + 1) == '<' && Character.isDigit(buf.getByte(nl + 2))) return false;
        }
        return true;
    }
}
