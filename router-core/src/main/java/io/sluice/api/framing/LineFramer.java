package io.sluice.api.framing;

import io.sluice.api.bytes.ByteScan;

/**
 * The one line framing rule of every line-based input (tcp, syslog over TCP, stdin, container
 * files): cuts a byte stream into lines and hands each to a {@link LineSink}.
 *
 * <ul>
 *   <li>A line ends at its {@link LineDelimiters}: {@code \n}, and for syslog's non-transparent framing
 *       (RFC 6587) NUL as well, or NUL only.
 *       The delimiter and one {@code \r} before it are stripped; an empty line is handed out with
 *       length 0 so that positions stay exact (sinks that need no positions skip it).</li>
 *   <li>The limit applies to the line without its {@code \r\n}. A longer line is cut at
 *       {@code maxLength}, handed out flagged truncated, and the rest of it, up to the next
 *       delimiter, is discarded as it arrives.</li>
 *   <li>A line that lies whole in a chunk is handed out in place, without a copy. Only a line that
 *       spans chunks is carried, and never more than {@code maxLength + 1} bytes of it (one more: a
 *       {@code \r} may be waiting for its {@code \n}), so memory never grows with line length. What is
 *       carried is charged to a {@link HeldBytes} account; when the account has no room for it, the
 *       line is cut there, as if it had reached the limit.</li>
 *   <li>Bytes are not decoded: invalid UTF-8 passes through (the pipeline's workers repair and tag it).</li>
 * </ul>
 *
 * <p>The two factories differ only in when a cut line is handed out: {@link #forConnection} at once
 * (a socket has no position to resume from, so nothing is held back), {@link #forFile} at its end (its
 * end position is where reading resumes after a restart, so it must lie after the discarded rest).
 *
 * <p>Works on byte arrays: no per-byte virtual call and no allocation per line. Not thread-safe: one
 * reader feeds it.
 */
public final class LineFramer {
    /** Receives each line; the bytes are only valid during the call. */
    @FunctionalInterface
    public interface LineSink {
        /**
         * @param truncated true when the line was longer than the limit and this is its start
         * @param start     stream offset of the line's first byte
         * @param end       stream offset just after its delimiter (where reading resumes)
         */
        void line(byte[] b, int off, int len, boolean truncated, long start, long end);
    }

    private static final int SMALL_CARRY = 256;

    private final int maxLength;
    private final LineDelimiters delimiters;
    private final boolean handCutLinesAtOnce;
    private final HeldArray held;
    private byte[] carry;
    private int carryLen;
    private boolean carrying;
    private boolean cut;
    private long carryStart;
    private long offset;

    private LineFramer(int maxLength, LineDelimiters delimiters, boolean handCutLinesAtOnce, HeldBytes account) {
        if (maxLength < 1) throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        this.maxLength = maxLength;
        this.delimiters = delimiters;
        this.handCutLinesAtOnce = handCutLinesAtOnce;
        this.held = new HeldArray(account, SMALL_CARRY);
        this.carry = held.array();
    }

    /**
     * For a connection: a cut line is handed out as soon as it passes the limit (or the account has
     * no room for more of it). Call {@link #close} when the connection ends.
     */
    public static LineFramer forConnection(int maxLength, LineDelimiters delimiters, HeldBytes account) {
        return new LineFramer(maxLength, delimiters, true, account);
    }

    /** For a connection whose partial lines are not charged to any account. */
    public static LineFramer forConnection(int maxLength, LineDelimiters delimiters) {
        return forConnection(maxLength, delimiters, HeldBytes.UNLIMITED);
    }

    /** For a file or stdin: a cut line is handed out at its newline, with the end position after it. */
    public static LineFramer forFile(int maxLength) {
        return new LineFramer(maxLength, LineDelimiters.NEWLINE, false, HeldBytes.UNLIMITED);
    }

    /** Gives back what the partial line held to the account; the framer must not be fed after. */
    public void close() {
        carrying = false;
        carryLen = 0;
        held.close();
        carry = held.array();
    }

    public int maxLength() {
        return maxLength;
    }

    /** Stream offset of the next byte to be fed. */
    public long offset() {
        return offset;
    }

    /** Drops any partial line and continues at {@code newOffset} (after a seek or a truncation). */
    public void reset(long newOffset) {
        offset = newOffset;
        clearCarry();
        cut = false;
    }

    /** True while an unterminated line is held or being discarded. */
    public boolean hasPartial() {
        return carrying || cut;
    }

    /** Frames {@code b[off..off+len)}; complete lines go to {@code sink} before this returns. */
    public void feed(byte[] b, int off, int len, LineSink sink) {
        int end = off + len;
        int p = off;
        while (p < end) {
            int nl = delimiters.indexIn(b, p, end);
            if (nl == end) {
                hold(b, p, end - p, sink);
                offset += end - p;
                return;
            }
            long lineEnd = offset + (nl - p) + 1;
            if (cut) {
                if (carrying) sink.line(carry, 0, carryLen, true, carryStart, lineEnd);
                cut = false;
                clearCarry();
            } else {
                lineEnds(b, p, nl - p, lineEnd, sink);
            }
            offset = lineEnd;
            p = nl + 1;
        }
    }


    /**
     * Moves on past {@code n} bytes of whole lines that the caller passed on uncut (to be cut by
     * {@link WholeLines}); only while nothing is held, as those lines must start a line.
     */
    public void skipWholeLines(int n) {
        if (hasPartial()) throw new IllegalStateException("a partial line is held");
        offset += n;
    }

    /** The length of the line {@code b[p..p+n)} (its delimiter already left out) without one trailing {@code \r}. */
    static int contentLength(byte[] b, int p, int n) {
        return n > 0 && b[p + n - 1] == '\r' ? n - 1 : n;
    }

    /** Hands out a held unterminated line (end of input, or a file that is being released). */
    public void flush(LineSink sink) {
        if (cut) {
            if (carrying) sink.line(carry, 0, carryLen, true, carryStart, offset);
        } else if (carrying) {
            lineEnds(carry, 0, 0, offset, sink);
        }
        cut = false;
        clearCarry();
    }

    /** A line ends: what is carried followed by {@code b[p..p+n)}, without the delimiter. */
    private void lineEnds(byte[] b, int p, int n, long end, LineSink sink) {
        if (!carrying) {
            int content = contentLength(b, p, n);
            sink.line(b, p, Math.min(content, maxLength), content > maxLength, offset, end);
            return;
        }
        int total = carryLen + n;
        boolean cr = total > 0 && (n > 0 ? b[p + n - 1] : carry[carryLen - 1]) == '\r';
        int content = cr ? total - 1 : total;
        int keep = Math.min(content, maxLength);
        boolean truncated = content > maxLength;
        if (keep > carryLen && !append(b, p, keep - carryLen)) {
            keep = carryLen; // the account had no room for the rest: cut where the carry ends
            truncated = true;
        }
        sink.line(carry, 0, keep, truncated, carryStart, end);
        clearCarry();
    }

    /** The rest of a chunk holds no delimiter: keep it, or cut the line once it is too long. */
    private void hold(byte[] b, int p, int n, LineSink sink) {
        if (cut) return;
        if (!carrying) {
            carrying = true;
            carryStart = offset;
        }
        int total = carryLen + n;
        if (total <= maxLength || total == maxLength + 1 && b[p + n - 1] == '\r') {
            if (append(b, p, n)) return;
        } else if (carryLen < maxLength) {
            append(b, p, maxLength - carryLen);
        }
        carryLen = Math.min(carryLen, maxLength); // a '\r' held at maxLength + 1 was content after all
        cut = true;
        if (handCutLinesAtOnce) {
            sink.line(carry, 0, carryLen, true, carryStart, offset + n);
            clearCarry();
        }
    }

    /** Appends to the carry; false, and nothing appended, when the account has no room for it. */
    private boolean append(byte[] b, int p, int n) {
        int need = carryLen + n;
        if (!held.ensure(need, carryLen, maxLength + 1)) return false;
        carry = held.array();
        System.arraycopy(b, p, carry, carryLen, n);
        carryLen = need;
        return true;
    }

    private void clearCarry() {
        carrying = false;
        carryLen = 0;
        held.shrink();
        carry = held.array();
    }
}
