package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ByteProcessor;
import io.sluice.api.plugin.RawBatch;

import java.util.function.Supplier;

/**
 * Cuts a byte stream into lines and copies them into {@link RawBatch}es: a record per line, without
 * the {@code \n} (and a {@code \r} before it); empty lines are skipped. It only frames: bytes are not
 * decoded here, invalid UTF-8 included (the pipeline's workers repair and tag it).
 *
 * <p>The line length is bounded: a line longer than {@code maxLength} is cut at {@code maxLength},
 * flagged {@link RawBatch#TRUNCATED} and the rest of it, up to the next newline, is discarded as it
 * arrives. At most {@code maxLength + 1} bytes of an unfinished line are held per connection, so
 * memory never grows with line length. A batch is passed on when full and at the end of every read
 * burst. At end of stream an unterminated last line is still passed on.
 *
 * <p>Stateful: one instance per channel, never shared.
 */
public final class LineFramer extends FramingHandler {
    /** Stops on {@code \n} or NUL (RFC 6587 non-transparent framing as some syslog senders use it). */
    private static final ByteProcessor FIND_LF_OR_NUL = b -> b != '\n' && b != 0;

    private final int maxLength;
    private final ByteProcessor delimiter;
    private final Runnable onTruncated;
    private final PendingBytes pending;
    private boolean discarding;

    /**
     * @param maxLength   longest line passed on whole, in bytes
     * @param nulDelimits true to end lines at NUL as well as at newline
     * @param batches     where empty batches come from
     * @param onTruncated told once per cut line (a counter)
     */
    public LineFramer(int maxLength, boolean nulDelimits, Supplier<RawBatch> batches, Runnable onTruncated) {
        super(batches);
        if (maxLength < 1) throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        this.maxLength = maxLength;
        this.delimiter = nulDelimits ? FIND_LF_OR_NUL : ByteProcessor.FIND_LF;
        this.onTruncated = onTruncated;
        // one more than the limit: a '\r' may be waiting for its '\n'
        this.pending = new PendingBytes(maxLength + 1);
    }

    @Override
    protected void frame(ChannelHandlerContext ctx, ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            int nl = buf.forEachByte(i, end - i, delimiter);
            if (discarding) {
                if (nl < 0) return;
                discarding = false;
            } else if (nl < 0) {
                keep(ctx, buf, i, end - i);
                return;
            } else {
                line(ctx, buf, i, nl - i);
            }
            i = nl + 1;
        }
    }

    /** A complete line: what is pending followed by {@code buf[i..i+len)}. */
    private void line(ChannelHandlerContext ctx, ByteBuf buf, int i, int len) {
        int total = pending.length() + len;
        if (total > 0 && (len > 0 ? buf.getByte(i + len - 1) : pending.last()) == '\r') {
            total--;
            if (len > 0) {
                len--;
            } else {
                pending.dropLast();
            }
        }
        if (total > maxLength) {
            cut(ctx, buf, i);
        } else if (total > 0) {
            out.add(ctx, pending.array(), pending.length(), buf, i, len, 0);
        }
        pending.reset();
    }

    /** The rest of the read holds no delimiter: keep it, or cut the line once it is too long. */
    private void keep(ChannelHandlerContext ctx, ByteBuf buf, int i, int len) {
        int total = pending.length() + len;
        boolean crMayEndIt = total == maxLength + 1 && buf.getByte(i + len - 1) == '\r';
        if (total <= maxLength || crMayEndIt) {
            pending.append(buf, i, len);
            return;
        }
        cut(ctx, buf, i);
        pending.reset();
        discarding = true;
    }

    /** Passes on the first {@code maxLength} bytes of pending + buf[i..), flagged truncated. */
    private void cut(ChannelHandlerContext ctx, ByteBuf buf, int i) {
        int fromPending = Math.min(pending.length(), maxLength);
        out.add(ctx, pending.array(), fromPending, buf, i, maxLength - fromPending, RawBatch.TRUNCATED);
        onTruncated.run();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!discarding && pending.length() > 0) line(ctx, Unpooled.EMPTY_BUFFER, 0, 0);
        pending.reset();
        out.flush(ctx);
        super.channelInactive(ctx);
    }
}
