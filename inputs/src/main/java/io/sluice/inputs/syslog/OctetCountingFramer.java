package io.sluice.inputs.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.sluice.api.plugin.RawBatch;
import io.sluice.inputs.net.FramingHandler;
import io.sluice.inputs.net.LineFraming;
import io.sluice.inputs.net.PartialRecordTimer;
import io.sluice.inputs.net.PendingBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * RFC 6587 section 3.4.1 octet-counting framing: {@code MSG-LEN SP SYSLOG-MSG}, MSG-LEN in octets.
 * Frames are copied into {@link RawBatch}es like {@link io.sluice.inputs.net.LineFramingHandler} does.
 *
 * <p>A frame longer than {@code maxLength} is cut there and flagged {@link RawBatch#TRUNCATED}; the
 * rest of it is skipped by count, never held. The start of a frame that spans reads is charged to the
 * input's held-bytes account (as is the event being joined, see {@link FramingHandler}); when that is
 * full, the frame is cut there the same way. A malformed MSG-LEN leaves nothing to resynchronise on,
 * so the connection is closed with a diagnostic (frames before it are still passed on). A frame cut
 * short by the end of the connection is incomplete and dropped, and so is one that stops arriving
 * for {@code partial_line_timeout}, which closes the connection as for a line without its end (see
 * {@link PartialRecordTimer}). Line feeds between frames, which some senders add, are skipped.
 * Stateful: one instance per channel.
 */
public final class OctetCountingFramer extends FramingHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OctetCountingFramer.class);
    /** Nine digits: up to 999,999,999 octets announced, far above any maximum, never an int overflow. */
    private static final int MAX_LENGTH_DIGITS = 9;
    private static final byte[] NONE = new byte[0];

    private enum State { LENGTH, BODY, FAILED }

    private final int maxLength;
    private final Runnable onTruncated;
    private final Runnable onFramingError;
    private final String name;
    private final PendingBytes pending;
    private final PartialRecordTimer partialTimer;
    private State state = State.LENGTH;
    private int length;
    private int lengthDigits;
    /** Bytes of the current frame still to arrive, and how many of them are still to be kept. */
    private int remaining;
    private int keepLeft;

    /**
     * @param settings the longest frame kept whole, where the start of a frame that spans reads is
     *                 charged, the partial-record timeout and the counters (its {@code delimiters} are not read)
     */
    public OctetCountingFramer(LineFraming settings, Supplier<RawBatch> batches, Runnable onFramingError, String name) {
        super(batches, settings.account());
        this.maxLength = settings.maxLength();
        this.onTruncated = settings.onTruncated();
        this.onFramingError = onFramingError;
        this.name = name;
        this.pending = new PendingBytes(maxLength, settings.account());
        this.partialTimer = settings.partialRecordTimer(this::insideFrame, this::dropFrame);
    }

    @Override
    protected void frame(ChannelHandlerContext ctx, ByteBuf buf) {
        partialTimer.read();
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            switch (state) {
                case LENGTH -> i = length(ctx, buf.getByte(i), i);
                case BODY -> i = body(ctx, buf, i, end);
                default -> {
                    return;
                }
            }
        }
    }

    private int length(ChannelHandlerContext ctx, byte c, int i) {
        if (lengthDigits == 0 && (c == '\n' || c == '\r')) return i + 1;
        if (c >= '0' && c <= '9' && !(lengthDigits == 0 && c == '0') && lengthDigits < MAX_LENGTH_DIGITS) {
            length = length * 10 + (c - '0');
            lengthDigits++;
            return i + 1;
        }
        if (c == ' ' && lengthDigits > 0) {
            state = State.BODY;
            remaining = length;
            keepLeft = Math.min(length, maxLength);
            return i + 1;
        }
        fail(ctx, c);
        return i + 1;
    }

    private int body(ChannelHandlerContext ctx, ByteBuf buf, int i, int end) {
        int n = Math.min(end - i, remaining);
        int keep = Math.min(n, keepLeft);
        if (keep > 0) {
            keepLeft -= keep;
            if (keepLeft == 0 && pending.length() == 0) {
                emit(ctx, NONE, 0, buf, i, keep, length > maxLength); // whole in this read: no intermediate copy
            } else if (pending.append(buf, i, keep)) {
                if (keepLeft == 0) emit(ctx, pending.array(), pending.length(), buf, i, 0, length > maxLength);
            } else {
                keepLeft = 0; // the held-bytes account is full: cut the frame at what is held, skip the rest
                emit(ctx, pending.array(), pending.length(), buf, i, 0, true);
            }
        }
        remaining -= n;
        if (remaining == 0) {
            state = State.LENGTH;
            length = 0;
            lengthDigits = 0;
        }
        return i + n;
    }

    private void emit(ChannelHandlerContext ctx, byte[] head, int headLen, ByteBuf buf, int i, int len, boolean cut) {
        if (isJoining()) {
            // the joiner reads whole records: the frame's parts in one array (pending keeps what came
            // before); when the account has no room for the rest, the frame is cut at what is held
            if (len > 0 && !pending.append(buf, i, len)) cut = true;
            record(ctx, pending.array(), 0, pending.length(), cut ? RawBatch.TRUNCATED : 0);
        } else {
            out.add(ctx, head, headLen, buf, i, len, cut ? RawBatch.TRUNCATED : 0);
        }
        if (cut) onTruncated.run();
        pending.reset();
    }

    /** A frame has begun (its length at least) and not ended. */
    private boolean insideFrame() {
        return state != State.FAILED && lengthDigits > 0;
    }

    /** The partial-record timeout closes the connection: its frame is dropped without a second word at the close. */
    private void dropFrame() {
        state = State.FAILED;
        pending.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        partialTimer.armIfHolding(ctx);
        super.channelReadComplete(ctx);
    }

    private void fail(ChannelHandlerContext ctx, byte c) {
        state = State.FAILED;
        onFramingError.run();
        String found = c >= 33 && c <= 126 ? "'" + (char) c + "'" : String.format("byte 0x%02x", c & 0xFF);
        LOG.warn("{}: closing connection: octet-counted syslog frame expected a length (digits, then a space, "
                + "at most {} digits) but found {}; check the sender's framing setting", name, MAX_LENGTH_DIGITS, found);
        out.flush(ctx);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (state == State.BODY && keepLeft > 0) {
            LOG.info("{}: connection ended inside a frame ({} of {} octets received); the incomplete frame is dropped",
                    name, length - remaining, length);
        }
        pending.close();
        partialTimer.cancel();
        flushJoined(ctx);
        out.flush(ctx);
        super.channelInactive(ctx);
    }
}
