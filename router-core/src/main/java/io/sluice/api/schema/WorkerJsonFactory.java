package io.sluice.api.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;

/**
 * The JSON parser factory of one decoder, used by one worker thread: it hands out one parser that is
 * reset per record ({@link #reusableParser}); before that a parser was created per record, and profiling showed Jackson's per-parser set-up and tear-down (a thread-local buffer lookup,
 * atomic swaps of the recycled char buffers, a content reference object) at over a fifth of the
 * JSON decode path. This factory keeps its buffers in plain fields and refers to no content.
 * Not thread-safe: one per decoder, as decoders are one per worker.
 */
final class WorkerJsonFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;
    private transient ReusableJsonParser reusable;

    WorkerJsonFactory() {
        super((JsonFactoryBuilder) JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION));
        setRecyclerPool(new OnePool());
    }

    /**
     * The factory's one parser, reset to {@code b[off, off+len)}: per record, where {@code createParser}
     * would build a parser with its context and buffers each time. Valid until the next call; not closed.
     */
    JsonParser reusableParser(byte[] b, int off, int len) {
        if (reusable == null) {
            IOContext context = _createContext(_createContentReference(b), false);
            reusable = new ReusableJsonParser(context, _parserFeatures, _byteSymbolCanonicalizer.makeChild(_factoryFeatures));
        }
        return reusable.reset(b, off, len);
    }

    @Override
    protected ContentReference _createContentReference(Object contentRef) {
        return ContentReference.redacted();
    }

    @Override
    protected ContentReference _createContentReference(Object contentRef, int offset, int length) {
        return ContentReference.redacted();
    }

    /** Hands out one recycler; a second parser open at the same time (not expected) gets a fresh one. */
    private static final class OnePool implements RecyclerPool<BufferRecycler> {
        private static final long serialVersionUID = 1L;
        private final transient BufferRecycler recycler = new PlainRecycler();
        private transient boolean inUse;

        @Override
        public BufferRecycler acquirePooled() {
            if (inUse) return new BufferRecycler();
            inUse = true;
            return recycler;
        }

        @Override
        public void releasePooled(BufferRecycler r) {
            if (r == recycler) inUse = false;
        }
    }

    /** Jackson's recycler without the atomics: used by one thread at a time. */
    private static final class PlainRecycler extends BufferRecycler {
        private final char[][] chars = new char[8][];
        private final byte[][] bytes = new byte[8][];

        @Override
        public char[] allocCharBuffer(int ix, int minSize) {
            int size = Math.max(minSize, charBufferLength(ix));
            char[] b = chars[ix];
            chars[ix] = null;
            return b == null || b.length < size ? calloc(size) : b;
        }

        @Override
        public void releaseCharBuffer(int ix, char[] buffer) {
            char[] old = chars[ix];
            if (old == null || (buffer != null && buffer.length > old.length)) chars[ix] = buffer;
        }

        @Override
        public byte[] allocByteBuffer(int ix, int minSize) {
            int size = Math.max(minSize, byteBufferLength(ix));
            byte[] b = bytes[ix];
            bytes[ix] = null;
            return b == null || b.length < size ? balloc(size) : b;
        }

        @Override
        public void releaseByteBuffer(int ix, byte[] buffer) {
            byte[] old = bytes[ix];
            if (old == null || (buffer != null && buffer.length > old.length)) bytes[ix] = buffer;
        }
    }
}
