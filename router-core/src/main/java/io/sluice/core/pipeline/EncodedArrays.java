package io.sluice.core.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The arrays that hold event batches' encoded JSON, reused once a batch is complete. A batch's JSON
 * lives until every sink has it, so under load it outlived young collections: it was most of what
 * each one copied and promoted, and the promotions caused the full collections (docs/performance.md,
 * "Session 7: the GC's share"). A reused array stays in the old generation, where no young collection
 * copies it, and the workers stop allocating some 300 bytes per event.
 *
 * <p>An array comes back only from a completed batch: every sink it went to has sent it (or written it
 * to its disk buffer, which copies) or dead-lettered it, and outputs, the tap and the dead-letter path
 * read a batch's JSON only until then ({@code SinkBatch} and {@code RoutedBatch} say so). At most
 * {@code maxBytes} wait here; more is left to the garbage collector. Shared by the workers (take) and
 * the threads that complete batches (give), one lock held for a short scan per batch.
 */
final class EncodedArrays {
    /** Arrays are allocated a little larger than asked, so one fits the next batches of about the same size. */
    private static final int GRAIN = 16 * 1024;
    /** What a batch with no JSON (every event dropped by a transform) holds: nothing to allocate or reuse. */
    private static final byte[] EMPTY = {};

    private final long maxBytes;
    private final List<byte[]> free = new ArrayList<>();
    private long freeBytes;

    EncodedArrays(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** An array holding a copy of {@code src[0, len)}: a free one that fits, else a new one. */
    byte[] copyOf(byte[] src, int len) {
        if (len == 0) return EMPTY;
        byte[] a = take(len);
        System.arraycopy(src, 0, a, 0, len);
        return a;
    }

    /** The smallest free array of at least {@code len} bytes, else a new one with some headroom. */
    private byte[] take(int len) {
        synchronized (free) {
            int best = -1;
            for (int i = 0; i < free.size(); i++) {
                int l = free.get(i).length;
                if (l >= len && (best < 0 || l < free.get(best).length)) best = i;
            }
            if (best >= 0) {
                byte[] a = free.remove(best);
                freeBytes -= a.length;
                return a;
            }
        }
        long sized = ((len + len / 8L) / GRAIN + 1) * GRAIN;
        return new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(len, sized))];
    }

    /** A completed batch's array: nothing reads it any more. Dropped when the free arrays hold enough. */
    void give(byte[] a) {
        synchronized (free) {
            if (a.length == 0 || freeBytes + a.length > maxBytes) return;
            free.add(a);
            freeBytes += a.length;
        }
    }

    /** Bytes in free arrays (tests). */
    long freeBytes() {
        synchronized (free) {
            return freeBytes;
        }
    }
}
