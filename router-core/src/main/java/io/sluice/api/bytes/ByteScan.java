package io.sluice.api.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in an array eight bytes at a time (SWAR: "SIMD within a register"): the line framers'
 * search for line ends, run over every byte an input reads, and the encoder's for the end of each
 * piece of text it copies with one {@code arraycopy}. A byte loop with an early exit, which the JIT
 * does not vectorize, checks one byte an iteration; it was most of the event loop's time per line.
 *
 * <p>{@code (x - 0x01..01) & ~x & 0x80..80} flags every zero byte of {@code x} and may flag a 0x01
 * byte above a zero (the borrow), never one below; read little-endian, the lowest flag is the first
 * real match. Bytes of 0x80 and up (UTF-8) are never flagged.
 *
 * <p>Words are read up to the array's end, not only to {@code to}: the fields these scans end are mostly
 * shorter than a word (SD-IDs, param names, numbers), and a match found past {@code to} counts as none.
 */
public final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101010101010101L;
    /** The high bit of every byte: a word's bytes are all ASCII when {@code (word & HIGHS) == 0}. */
    public static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {}

    /** Index of the first {@code c} in {@code b[from, to)}, or {@code to}. */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        long cs = ONES * (c & 0xFF);
        int i = from;
        // two words a step while there is room: one branch per sixteen bytes of a long line, not two
        for (int last = b.length - 2 * Long.BYTES; i < to && i <= last; i += 2 * Long.BYTES) {
            long first = zeroBytes(word(b, i) ^ cs);
            long second = zeroBytes(word(b, i + Long.BYTES) ^ cs);
            if ((first | second) != 0) return Math.min(to, firstFlagged(i, first, second));
        }
        for (int last = b.length - Long.BYTES; i < to && i <= last; i += Long.BYTES) {
            long found = zeroBytes(word(b, i) ^ cs);
            if (found != 0) return Math.min(to, i + (Long.numberOfTrailingZeros(found) >>> 3));
        }
        while (i < to && b[i] != c) i++;
        return Math.min(i, to);
    }

    /** Index of the first {@code c} or {@code d} in {@code b[from, to)}, or {@code to}. */
    public static int indexOfEither(byte[] b, int from, int to, byte c, byte d) {
        long cs = ONES * (c & 0xFF);
        long ds = ONES * (d & 0xFF);
        int i = from;
        for (int last = b.length - 2 * Long.BYTES; i < to && i <= last; i += 2 * Long.BYTES) {
            long w = word(b, i);
            long v = word(b, i + Long.BYTES);
            long first = zeroBytes(w ^ cs) | zeroBytes(w ^ ds);
            long second = zeroBytes(v ^ cs) | zeroBytes(v ^ ds);
            if ((first | second) != 0) return Math.min(to, firstFlagged(i, first, second));
        }
        for (int last = b.length - Long.BYTES; i < to && i <= last; i += Long.BYTES) {
            long w = word(b, i);
            long found = zeroBytes(w ^ cs) | zeroBytes(w ^ ds); // each mask's lowest flag is real, so the OR's is
            if (found != 0) return Math.min(to, i + (Long.numberOfTrailingZeros(found) >>> 3));
        }
        while (i < to && b[i] != c && b[i] != d) i++;
        return Math.min(i, to);
    }

    /** The index of the first flagged byte of the two words at {@code b[i]}, flags {@code first} and {@code second}. */
    private static int firstFlagged(int i, long first, long second) {
        return first != 0 ? i + (Long.numberOfTrailingZeros(first) >>> 3)
                : i + Long.BYTES + (Long.numberOfTrailingZeros(second) >>> 3);
    }

    /** The eight bytes at {@code b[i]}, little-endian. */
    public static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** The high bit of each zero byte of {@code x} (and possibly of a 0x01 byte above one). */
    static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }
}
