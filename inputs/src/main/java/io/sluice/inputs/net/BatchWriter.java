package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.sluice.api.framing.WholeLines;
import io.sluice.api.plugin.RawBatch;

import java.util.function.Supplier;

/**
 * Collects the records one framer cuts (and the blocks of whole lines it leaves for the worker to cut)
 * into a {@link RawBatch} and passes the batch down the channel pipeline (to {@link SourcePublisher})
 * when it is full or when the framer says a read burst ended. Used on the channel's event loop only.
 *
 * <p>Each new batch is sized like the larger of the last two passed on, with a sixteenth to spare: a
 * connection sending steadily fills its batches alike, so each batch's arrays are then allocated once,
 * not grown by doubling from 16 KiB (a new array and a copy each step, then a trimming copy), which
 * was most of the bytes the event loop allocated per line. Taking the larger of two keeps the size of
 * the full batches across the smaller one that ends each read burst; a connection that slows down is
 * sized down within two batches.
 *
 * <p>A batch is filled in its thread's scratch array ({@link RawBatch#fillIn}) when that is free, and
 * copied out at its exact size when passed on: an event loop fills one batch at a time (every batch is
 * passed on when its read burst ends), so one array per thread serves all its connections, and a
 * batch's bytes are allocated once at their size. A second batch started on the thread while the
 * array is lent out (nothing does that today) is sized as above instead.
 */
public final class BatchWriter {
    /** The scratch array of the thread, null while a batch is being filled in it. */
    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1][]);
    private final Supplier<RawBatch> batches;
    private RawBatch batch;
    private int lastBytes;
    private int lastRecords;
    private int previousBytes;
    private int previousRecords;

    /** @param batches where empty batches come from, normally {@code source::newBatch} */
    public BatchWriter(Supplier<RawBatch> batches) {
        this.batches = batches;
    }

    /**
     * Appends one record made of {@code head[0..headLen)} followed by {@code buf[index..index+len)},
     * copied straight into the batch's array (no intermediate array per record).
     */
    public void add(ChannelHandlerContext ctx, byte[] head, int headLen, ByteBuf buf, int index, int len, int flags) {
        if (batch == null) batch = newBatch();
        int slot = batch.reserve(headLen + len, flags, -1);
        byte[] data = batch.data(); // after reserve: it may have grown the array
        if (headLen > 0) System.arraycopy(head, 0, data, slot, headLen);
        if (len > 0) buf.getBytes(index, data, slot + headLen, len);
        if (batch.isFull()) flush(ctx);
    }

    /** Appends one record, {@code b[off..off+len)}, copied into the batch's array. */
    public void add(ChannelHandlerContext ctx, byte[] b, int off, int len, int flags) {
        if (batch == null) batch = newBatch();
        batch.add(b, off, len, flags, -1);
        if (batch.isFull()) flush(ctx);
    }

    /**
     * Appends {@code buf[index..index+len)}, whole lines left uncut for the worker to cut by {@code rule},
     * in one copy. The block is not split across batches: a batch may pass its byte limit by one block.
     */
    public void addLines(ChannelHandlerContext ctx, ByteBuf buf, int index, int len, WholeLines rule) {
        if (batch == null) batch = newBatch();
        int slot = batch.reserveLines(len, rule);
        buf.getBytes(index, batch.data(), slot, len);
        if (batch.isFull()) flush(ctx);
    }

    /** How many more bytes the current batch takes before it is full (a new batch is started if needed). */
    public int room() {
        if (batch == null) batch = newBatch();
        return batch.room();
    }

    /** True while the current batch holds nothing. */
    public boolean isEmpty() {
        return batch == null || batch.isEmpty();
    }

    /** Passes the current batch on, if it holds anything. */
    public void flush(ChannelHandlerContext ctx) {
        if (batch != null && !batch.isEmpty()) {
            RawBatch full = batch;
            batch = null;
            previousBytes = lastBytes;
            previousRecords = lastRecords;
            lastBytes = full.byteSize();
            lastRecords = full.recordSlots(); // not size(): that would cut its lines here, on the reading thread
            byte[] scratch = full.detachScratch();
            byte[][] free = SCRATCH.get();
            if (free[0] == null) free[0] = scratch; // the array it was filled in serves the thread's next batch
            ctx.fireChannelRead(full);
        }
    }

    private RawBatch newBatch() {
        RawBatch fresh = batches.get();
        byte[][] free = SCRATCH.get();
        if (free[0] != null) {
            fresh.fillIn(free[0]);
            free[0] = null;
        }
        int bytes = Math.max(lastBytes, previousBytes);
        int records = Math.max(lastRecords, previousRecords);
        if (records > 0) fresh.presize(bytes + bytes / 16, records + records / 16);
        return fresh;
    }
}
