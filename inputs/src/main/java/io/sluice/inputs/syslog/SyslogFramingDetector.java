package io.sluice.inputs.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;

import io.sluice.api.framing.HeldBytes;
import io.sluice.api.framing.LineDelimiters;
import io.sluice.inputs.net.FramingChoice;
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
 * framing. A first read that ends inside the first message (longer than one TCP segment) waits for
 * the next ones (see {@link FramingChoice}): a newline-framed sender's message ends at a newline, which
 * decides at once. One instance per channel.
 */
public final class SyslogFramingDetector extends FramingChoice {
    private final Supplier<ChannelHandler> octetCounting;
    private final Function<LineDelimiters, ChannelHandler> nonTransparent;

    /** @param account where the bytes waiting for the choice are charged */
    public SyslogFramingDetector(Supplier<ChannelHandler> octetCounting,
                                 Function<LineDelimiters, ChannelHandler> nonTransparent, HeldBytes account) {
        super(account);
        this.octetCounting = octetCounting;
        this.nonTransparent = nonTransparent;
    }

    @Override
    protected ChannelHandler choose(ByteBuf seen, boolean force) {
        if (startsWithOctetCount(seen)) return octetCounting.get();
        LineDelimiters d = nonTransparentDelimiters(seen);
        if (d == null && force) d = LineDelimiters.NEWLINE_OR_NUL;
        return d == null ? null : nonTransparent.apply(d);
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

    /**
     * NUL when the first message ends at NUL (see the class comment); newline or NUL when the bytes show a
     * newline-framed sender (a line starting {@code <digit} after a newline, a NUL followed by a newline, a
     * read that ends at a newline, or no {@code <} first); null while the first message has no end yet.
     */
    static LineDelimiters nonTransparentDelimiters(ByteBuf buf) {
        int from = buf.readerIndex();
        int to = buf.writerIndex();
        if (buf.getByte(from) != '<') return LineDelimiters.NEWLINE_OR_NUL;
        for (int nl = buf.indexOf(from, to, (byte) '\n'); nl >= 0; nl = buf.indexOf(nl + 1, to, (byte) '\n')) {
            if (nl + 2 < to && buf.getByte(nl + 1) == '<' && isDigit(buf.getByte(nl + 2))) return LineDelimiters.NEWLINE_OR_NUL;
        }
        int nul = buf.indexOf(from, to, (byte) 0);
        if (nul >= 0) return endingAtNul(buf, nul);
        // a read that ends at a newline ends a newline-framed message: the sender is not waiting to send a NUL
        return buf.getByte(to - 1) == '\n' ? LineDelimiters.NEWLINE_OR_NUL : null;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
