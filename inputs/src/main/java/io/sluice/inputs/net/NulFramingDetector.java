package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.sluice.api.framing.HeldBytes;
import io.sluice.api.framing.LineDelimiters;

import java.util.function.Function;

/**
 * Picks a line-framed connection's delimiter from its first record and replaces itself with the framer
 * for it: records end at newline, unless the first record ends at NUL before any newline, as GELF over
 * TCP frames its JSON (Graylog's GELF TCP framing; log4j2's {@code GelfLayout} with
 * {@code includeNullDelimiter}, logback-gelf, Docker's gelf driver): such a connection's records end
 * at NUL only. A NUL followed by a newline is a sender that ends records with both: its records end at
 * either (the empty line between them is skipped). Read as newline-framed before, a NUL-framed
 * connection was one record holding every message, cut at the line limit. The choice waits for the
 * first NUL or newline (see {@link FramingChoice}); no record could leave before it anyway. One
 * instance per channel.
 */
public final class NulFramingDetector extends FramingChoice {
    private final Function<LineDelimiters, ChannelHandler> framers;

    /**
     * @param framers the framer for the delimiters chosen (newline or NUL)
     * @param account where the bytes waiting for the choice are charged
     */
    public NulFramingDetector(Function<LineDelimiters, ChannelHandler> framers, HeldBytes account) {
        super(account);
        this.framers = framers;
    }

    @Override
    protected ChannelHandler choose(ByteBuf seen, boolean force) {
        LineDelimiters d = delimiters(seen);
        return d != null ? framers.apply(d) : force ? framers.apply(LineDelimiters.NEWLINE) : null;
    }

    /** The delimiters the first record shows, or null when it has no end yet. */
    static LineDelimiters delimiters(ByteBuf buf) {
        int from = buf.readerIndex();
        int to = buf.writerIndex();
        int nul = buf.indexOf(from, to, (byte) 0);
        int newline = buf.indexOf(from, nul < 0 ? to : nul, (byte) '\n');
        if (newline >= 0) return LineDelimiters.NEWLINE;
        return nul < 0 ? null : endingAtNul(buf, nul);
    }
}
