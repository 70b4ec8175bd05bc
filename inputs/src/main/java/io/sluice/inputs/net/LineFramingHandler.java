package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ByteProcessor;
import io.netty.util.concurrent.FastThreadLocal;
import io.sluice.api.framing.LineFramer;
import io.sluice.api.framing.WholeLines;
import io.sluice.api.plugin.RawBatch;
import io.sluice.inputs.multiline.LineEnvelope;
import io.sluice.inputs.multiline.MultilineSettings;

import java.util.function.Supplier;

/**
 * Line framing on a Netty channel. The whole lines of each read are not cut here, on the
 * connection's one event-loop thread: the handler finds where the last of them ends (searching back
 * from the end of the read) and copies them in one block into the {@link RawBatch}; the pipeline worker
 * that takes the batch cuts them ({@link WholeLines}, the same rule). What spans reads goes through
 * the shared {@link LineFramer} as before (the cutting rule, the limit and the truncation live there):
 * the line a read finishes, and the unterminated tail it leaves, which the framer holds. Empty lines
 * are skipped. A batch is passed on when full (a block is split at a line end to stay within the byte
 * limit) and at the end of every read burst; at end of stream an unterminated last line is still
 * passed on.
 *
 * <p>The framer works on arrays: a heap buffer is framed in place, a direct one (what socket reads
 * fill) is first copied in one block into a scratch array, which costs one memcpy per read and none
 * per line. The scratch array is per event-loop thread, not per connection: it is only used during
 * one read (the framer copies out what it keeps), so idle connections hold no read-sized array.
 *
 * <p>With {@link #joining} set, every line is cut here and joined into stack traces first (see
 * {@link FramingHandler}).
 *
 * <p>The partial line and the event being joined are charged to the input's {@link LineFraming#account}
 * and given back when the connection ends. A connection that holds a partial line and sends nothing
 * for {@link LineFraming#partialLineTimeout} (while reading is on) is closed, its partial line dropped
 * (see {@link PartialRecordTimer}).
 *
 * <p>Stateful: one instance per channel, never shared.
 */
public final class LineFramingHandler extends FramingHandler implements LineFramer.LineSink {
    private final LineFramer framer;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[64 * 1024];
        }
    };

    private final LineFraming settings;
    private final PartialRecordTimer partialTimer;
    private final ByteProcessor notDelimiter;
    private Runnable onEmpty = () -> { };
    /** How the worker cuts the blocks of whole lines (shares this handler's limit and counters). */
    private WholeLines wholeLines;
    private ChannelHandlerContext ctx;

    /** @param batches where empty batches come from */
    public LineFramingHandler(LineFraming settings, Supplier<RawBatch> batches) {
        super(batches, settings.account());
        this.settings = settings;
        this.framer = LineFramer.forConnection(settings.maxLength(), settings.delimiters(), settings.account());
        this.partialTimer = settings.partialRecordTimer(framer::hasPartial, framer::close);
        this.notDelimiter = switch (settings.delimiters()) {
            case NEWLINE -> ByteProcessor.FIND_LF;
            case NUL -> ByteProcessor.FIND_NUL;
            case NEWLINE_OR_NUL -> b -> b != '\n' && b != 0;
        };
        this.wholeLines = wholeLines();
    }

    private WholeLines wholeLines() {
        return new WholeLines(settings.maxLength(), settings.delimiters(), onEmpty, settings.onTruncated());
    }

    /** Counts the empty lines skipped (a lone LF or CR LF, or a lone CR): {@code sluice_input_lines_empty_total}. */
    public LineFramingHandler countingEmpty(Runnable onEmpty) {
        this.onEmpty = onEmpty;
        this.wholeLines = wholeLines();
        return this;
    }

    /** Joins continuation lines per {@code multiline} (null: every line is a record). */
    public LineFramingHandler joining(MultilineSettings multiline) {
        joining(multiline, LineEnvelope.PLAIN);
        return this;
    }

    @Override
    protected void frame(ChannelHandlerContext ctx, ByteBuf buf) {
        this.ctx = ctx;
        partialTimer.read();
        int from = buf.readerIndex();
        int to = buf.writerIndex();
        if (isJoining()) {
            feed(buf, from, to);
            return;
        }
        if (framer.hasPartial()) { // the line the last read left unfinished ends first
            int first = buf.forEachByte(from, to - from, notDelimiter);
            if (first < 0) {
                feed(buf, from, to);
                return;
            }
            feed(buf, from, first + 1);
            from = first + 1;
        }
        int end = from < to ? buf.forEachByteDesc(from, to - from, notDelimiter) + 1 : 0;
        while (from < end) {
            int n = end - from;
            int room = out.room();
            if (n > room) { // keep the batch within its byte limit: split at the last line end that fits
                int cut = room > 0 ? buf.forEachByteDesc(from, room, notDelimiter) : -1;
                if (cut < 0 && !out.isEmpty()) { // not one more line fits: the next batch starts with it
                    out.flush(ctx);
                    continue;
                }
                // a line longer than a whole batch goes alone, as a record longer than the limit did before
                n = (cut >= 0 ? cut : buf.forEachByte(from, n, notDelimiter)) + 1 - from;
            }
            out.addLines(ctx, buf, from, n, wholeLines);
            framer.skipWholeLines(n);
            from += n;
        }
        if (from < to) feed(buf, from, to); // the unterminated tail, held (or cut) by the framer
    }

    /** Frames {@code buf[from..to)} line by line with the {@link LineFramer}. */
    private void feed(ByteBuf buf, int from, int to) {
        int len = to - from;
        if (buf.hasArray()) {
            framer.feed(buf.array(), buf.arrayOffset() + from, len, this);
        } else {
            byte[] scratch = SCRATCH.get();
            if (scratch.length < len) {
                scratch = new byte[len];
                SCRATCH.set(scratch);
            }
            buf.getBytes(from, scratch, 0, len);
            framer.feed(scratch, 0, len, this);
        }
    }

    @Override
    public void line(byte[] b, int off, int len, boolean truncated, long start, long end) {
        if (len == 0) {
            onEmpty.run();
            return;
        }
        record(ctx, b, off, len, truncated ? RawBatch.TRUNCATED : 0);
        if (truncated) settings.onTruncated().run();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        partialTimer.armIfHolding(ctx);
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        framer.flush(this);
        framer.close();
        flushJoined(ctx);
        partialTimer.cancel();
        out.flush(ctx);
        super.channelInactive(ctx);
    }
}
