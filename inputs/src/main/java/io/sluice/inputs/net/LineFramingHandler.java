package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.FastThreadLocal;
import io.sluice.api.framing.LineFramer;
import io.sluice.api.plugin.RawBatch;
import io.sluice.inputs.multiline.LineEnvelope;
import io.sluice.inputs.multiline.MultilineSettings;

import java.util.function.Supplier;

/**
 * Line framing on a Netty channel: hands each read to the shared {@link LineFramer} (the cutting
 * rule, the limit and the truncation live there) and copies the lines it cuts into
 * {@link RawBatch}es, skipping empty ones. A batch is passed on when full and at the end of every
 * read burst; at end of stream an unterminated last line is still passed on.
 *
 * <p>The framer works on arrays: a heap buffer is framed in place, a direct one (what socket reads
 * fill) is first copied in one block into a scratch array, which costs one memcpy per read and none
 * per line. The scratch array is per event-loop thread, not per connection: it is only used during
 * one read (the framer copies out what it keeps), so idle connections hold no read-sized array.
 *
 * <p>With {@link #joining} set, lines are joined into stack traces first (see {@link FramingHandler}).
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
    private Runnable onEmpty = () -> { };
    private ChannelHandlerContext ctx;

    /** @param batches where empty batches come from */
    public LineFramingHandler(LineFraming settings, Supplier<RawBatch> batches) {
        super(batches, settings.account());
        this.settings = settings;
        this.framer = LineFramer.forConnection(settings.maxLength(), settings.nulDelimits(), settings.account());
        this.partialTimer = settings.partialRecordTimer(framer::hasPartial, framer::close);
    }

    /** Counts the empty lines skipped (a lone LF or CR LF, or a lone CR): {@code sluice_input_lines_empty_total}. */
    public LineFramingHandler countingEmpty(Runnable onEmpty) {
        this.onEmpty = onEmpty;
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
        int len = buf.readableBytes();
        if (buf.hasArray()) {
            framer.feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), len, this);
        } else {
            byte[] scratch = SCRATCH.get();
            if (scratch.length < len) {
                scratch = new byte[len];
                SCRATCH.set(scratch);
            }
            buf.getBytes(buf.readerIndex(), scratch, 0, len);
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
