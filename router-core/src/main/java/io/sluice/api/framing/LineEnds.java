package io.sluice.api.framing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next line delimiter in a byte array eight bytes at a time (SWAR: "SIMD within a
 * register"). The framer of every line input runs this over each byte it reads, on the one thread
 * that serves a connection; a byte-at-a-time loop with an early exit, which the JIT does not
 * vectorize, made that search most of the event loop's time per line.
 *
 * <p>The test for a zero byte in a word is {@code (x - 0x01..01) & ~x & 0x80..80}: it flags every
 * zero byte, and may flag a 0x01 byte above a zero (the borrow), never one below. Read little-endian,
 * the lowest flagged byte is therefore always the first real match.
 */
final class LineEnds {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';

    private LineEnds() {}

    /** Index of the first {@code \n} in {@code b[from..to)}, or -1. */
    static int indexOfLf(byte[] b, int from, int to) {
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long found = zeroBytes((long) LONGS.get(b, i) ^ LFS);
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }

    /** Index of the first {@code \n} or NUL in {@code b[from..to)}, or -1. */
    static int indexOfLfOrNul(byte[] b, int from, int to) {
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            long found = zeroBytes(word ^ LFS) | zeroBytes(word);
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c == 0) return i;
        }
        return -1;
    }

    /** The high bit of each byte of {@code x} that is zero (and possibly of a 0x01 byte above one). */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
