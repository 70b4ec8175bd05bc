package io.sluice.inputs.framing;

import java.util.Arrays;

/**
 * Cuts a byte stream into newline-terminated lines with a maximum length, and tracks where each
 * line starts and ends in the stream. Lines that lie whole in a chunk are handed out in place (no
 * copy); only a line that spans chunks is carried, and never more than the maximum of it: the rest
 * of a longer line is discarded and the line is flagged truncated.
 *
 * <p>The newline, and a {@code \r} before it, are stripped. Not thread-safe: one reader feeds it.
 */
public final class LineFramer {
    /** Receives each line; the bytes are only valid during the call. */
    @FunctionalInterface
    public interface LineSink {
        /**
         * @param start stream offset of the line's first byte
         * @param end   stream offset just after its newline (where reading resumes)
         */
        void line(byte[] b, int off, int len, boolean truncated, long start, long end);
    }

    private static final int SMALL_CARRY = 256;

    private final int maxLength;
    private byte[] carry = new byte[SMALL_CARRY];
    private int carryLen;
    private boolean carrying;
    private boolean carryTruncated;
    private long carryStart;
    private long offset;

    public LineFramer(int maxLength) {
        if (maxLength < 1) throw new IllegalArgumentException("maxLength must be positive");
        this.maxLength = maxLength;
    }

    /** Stream offset of the next byte to be fed. */
    public long offset() {
        return offset;
    }

    /** Drops any partial line and continues at {@code newOffset} (after a seek or a truncation). */
    public void reset(long newOffset) {
        offset = newOffset;
        clearCarry();
    }

    /** True while an unterminated line is held. */
    public boolean hasPartial() {
        return carrying;
    }

    public void feed(byte[] b, int off, int len, LineSink sink) {
        int end = off + len;
        int p = off;
        while (p < end) {
            int nl = indexOfNewline(b, p, end);
            if (nl < 0) {
                append(b, p, end - p);
                offset += end - p;
                return;
            }
            long lineEnd = offset + (nl - p) + 1;
            if (carrying) {
                append(b, p, nl - p);
                emit(carry, 0, carryLen, carryTruncated, carryStart, lineEnd, sink);
                clearCarry();
            } else {
                int n = nl - p;
                boolean cut = n > maxLength;
                emit(b, p, cut ? maxLength : n, cut, offset, lineEnd, sink);
            }
            offset = lineEnd;
            p = nl + 1;
        }
    }

    /** Hands out a held unterminated line (end of input, or a file that is being released). */
    public void flush(LineSink sink) {
        if (!carrying) return;
        emit(carry, 0, carryLen, carryTruncated, carryStart, offset, sink);
        clearCarry();
    }

    private static void emit(byte[] b, int off, int len, boolean truncated, long start, long end, LineSink sink) {
        if (!truncated && len > 0 && b[off + len - 1] == '\r') len--;
        sink.line(b, off, len, truncated, start, end);
    }

    private void append(byte[] b, int off, int n) {
        if (!carrying) {
            carrying = true;
            carryStart = offset;
        }
        int room = maxLength - carryLen;
        int take = Math.min(n, room);
        if (take < n) carryTruncated = true;
        if (take <= 0) return;
        if (carryLen + take > carry.length) {
            carry = Arrays.copyOf(carry, Math.min(maxLength, Math.max(carryLen + take, carry.length * 2)));
        }
        System.arraycopy(b, off, carry, carryLen, take);
        carryLen += take;
    }

    private void clearCarry() {
        carrying = false;
        carryTruncated = false;
        carryLen = 0;
        // a very long line should not pin its buffer for the life of a file
        if (carry.length > 64 * 1024) carry = new byte[SMALL_CARRY];
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }
}
