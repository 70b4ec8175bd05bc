package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Socket reads of a TCP connection go into one direct buffer per event-loop thread, reused read after
 * read, instead of a buffer from the channel's allocator per read. Netty's default (adaptive) allocator
 * gave every 64 KiB read of a busy connection a new direct buffer of its own (malloc, a Cleaner, free),
 * 12% of the event loop's CPU (docs/performance.md, "Session 8: the event loop"); the framers copy out
 * everything they keep before they release the buffer, so one buffer serves every read of the thread.
 *
 * <p>Reads are a fixed {@value #READ_BYTES} bytes, the adaptive allocator's largest guess: its smaller
 * guesses only saved memory, which a reused buffer does not spend. The buffer is lent out only while
 * nothing else holds it (reference count 1: only this class's own reference): a handler that keeps a
 * read (TLS's decoder keeps a partial record) keeps its reference, and the next read then gets a buffer
 * of the channel's allocator as before (and the TLS decoder then copies, where it could have appended
 * in place before: a cost only for reads that end inside a TLS record). Each event-loop thread that has
 * read holds its 64 KiB for its life: at most four per input.
 */
public final class ReusedReadBuffer extends FixedRecvByteBufAllocator {
    static final int READ_BYTES = 64 * 1024;
    private static final FastThreadLocal<ByteBuf> BUFFER = new FastThreadLocal<>() {
        @Override
        protected ByteBuf initialValue() {
            return UnpooledByteBufAllocator.DEFAULT.directBuffer(READ_BYTES, READ_BYTES);
        }

        @Override
        protected void onRemoval(ByteBuf buf) {
            buf.release();
        }
    };

    public ReusedReadBuffer() {
        super(READ_BYTES);
    }

    @Override
    public RecvByteBufAllocator.Handle newHandle() {
        return new RecvByteBufAllocator.DelegatingHandle(super.newHandle()) {
            @Override
            public ByteBuf allocate(ByteBufAllocator alloc) {
                ByteBuf buf = BUFFER.get();
                if (buf.refCnt() != 1) return super.allocate(alloc); // still held by whoever took the last read
                return buf.retain().clear();
            }
        };
    }
}
