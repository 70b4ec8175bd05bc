package io.sluice.api.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes JSON text directly as UTF-8.
 *
 * <p>Hand-written rather than Jackson's {@code JsonGenerator} because the hot path copies values that
 * are already valid, escaped JSON (string values read from JSON input) straight into the output, and
 * Jackson's generator can only take raw values as {@code char}s. Profiling the design spike showed
 * re-escaping as the largest part of encoding (docs/design-notes.md). Not thread-safe; reuse one per worker.
 */
public final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** 0: copy as is; 1: two-char escape in ESCAPE_CHAR; 2: \\u00XX. */
    private static final byte[] ESCAPE_KIND = new byte[128];
    private static final byte[] ESCAPE_CHAR = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) ESCAPE_KIND[c] = 2;
        setShort('"', '"');
        setShort('\\', '\\');
        setShort('\n', 'n');
        setShort('\r', 'r');
        setShort('\t', 't');
        setShort('\b', 'b');
        setShort('\f', 'f');
    }

    private static void setShort(char c, char escaped) {
        ESCAPE_KIND[c] = 1;
        ESCAPE_CHAR[c] = (byte) escaped;
    }

    private byte[] buf;
    private int len;

    /**
     * True when the valid UTF-8 text {@code b[off, off+len)} needs no JSON escape: then it is its own
     * escaped form, and a decoder may keep the bytes for the encoder to copy ({@code LogEvent.messageRaw}).
     */
    public static boolean isPlainText(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        // eight bytes at a time: every syslog message is checked, and the JIT does not vectorize a byte
        // loop with an early exit
        for (; i + 8 <= end; i += 8) {
            if (needsEscape((long) LONGS.get(b, i))) return false;
        }
        if (i < end && len >= 8) {
            // the last bytes as the word that ends with them (its first bytes were found plain above):
            // one test instead of up to seven turns of the byte loop
            return !needsEscape((long) LONGS.get(b, end - 8));
        }
        for (; i < end; i++) {
            int c = b[i];
            if (c >= 0 && ESCAPE_KIND[c] != 0) return false;
        }
        return true;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * True when one of the eight bytes of {@code w} is a control character, '"' or '\\' (bytes of 0x80
     * and up are UTF-8 and copied). The classic test for a byte below n, {@code (w - n*ONES) & ~w & HIGHS},
     * is exact about whether there is one; a byte equal to c is a byte below 1 of {@code w ^ c*ONES}.
     */
    static boolean needsEscape(long w) {
        long control = (w - 0x20 * ONES) & ~w;
        long quote = w ^ ('"' * ONES);
        long backslash = w ^ ('\\' * ONES);
        long found = control | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash);
        return (found & HIGHS) != 0;
    }

    public JsonBytes(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int length() { return len; }
    public byte[] array() { return buf; }
    public void reset() { len = 0; }
    public void setLength(int length) { len = length; }
    public byte[] toByteArray() { return Arrays.copyOf(buf, len); }

    public String toString() { return new String(buf, 0, len, StandardCharsets.UTF_8); }

    private void ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }

    /**
     * Makes room for {@code extra} more bytes and returns the array to write them into, from
     * {@link #length()} on; the caller then sets the new {@link #setLength length}. For a writer on the
     * hot path that knows a bound on what it appends and writes it without a check per byte.
     */
    public byte[] room(int extra) {
        ensure(extra);
        return buf;
    }

    public JsonBytes raw(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    public JsonBytes raw(byte[] src) {
        return raw(src, 0, src.length);
    }

    public JsonBytes raw(byte[] src, int off, int n) {
        ensure(n);
        System.arraycopy(src, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends {@code a} then {@code b} with one bounds check: a key and its value's JSON, both already bytes. */
    public JsonBytes raw(byte[] a, byte[] b) {
        ensure(a.length + b.length);
        System.arraycopy(a, 0, buf, len, a.length);
        System.arraycopy(b, 0, buf, len + a.length, b.length);
        len += a.length + b.length;
        return this;
    }

    /** Appends an ASCII-only constant (field names, punctuation); never escapes. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is deprecated for dropping high bytes; ASCII has none
    public JsonBytes ascii(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buf, len); // a copy of a Latin-1 String's bytes, where a charAt loop was a check per char
        len += n;
        return this;
    }

    public JsonBytes number(long v) {
        if (v >= 0 && v < 100) return v < 10 ? raw((byte) ('0' + v)) : twoDigits((int) v); // codes, versions
        if (v == Long.MIN_VALUE) return ascii("-9223372036854775808");
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        // the digit count from the bit length (log10 2 ~ 1233 / 4096) and one compare, not a loop of compares
        int digits = ((64 - Long.numberOfLeadingZeros(v)) * 1233) >>> 12;
        if (v >= POW10[digits]) digits++;
        int p = len + digits;
        len = p;
        byte[] b = buf;
        while (v >= 100) { // two digits a step from the end back (event sequences, pids, offsets): half the divisions
            long q = v / 100;
            int pair = (int) (v - q * 100) * 2;
            b[--p] = DIGIT_PAIRS[pair + 1];
            b[--p] = DIGIT_PAIRS[pair];
            v = q;
        }
        if (v >= 10) {
            b[--p] = DIGIT_PAIRS[(int) v * 2 + 1];
            b[--p] = DIGIT_PAIRS[(int) v * 2];
        } else {
            b[--p] = (byte) ('0' + v);
        }
        return this;
    }

    /** "00" to "99", two bytes each. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** Appends {@code v} (10 to 99) as two digits. */
    private JsonBytes twoDigits(int v) {
        ensure(2);
        buf[len++] = (byte) ('0' + v / 10);
        buf[len++] = (byte) ('0' + v % 10);
        return this;
    }

    /**
     * Appends {@code v} as exactly {@code width} decimal digits, zero-padded (all of them when wider);
     * {@code v} is not negative. For timestamps, without a division loop per digit.
     */
    public JsonBytes padded(long v, int width) {
        if (v < 0 || v >= POW10[width]) return number(v);
        ensure(width);
        len = digits(buf, len, v, width);
        return this;
    }

    /**
     * Writes {@code v} (not negative, below 10^width) as exactly {@code width} decimal digits, zero-padded,
     * at {@code b[p]}; returns the index after them. For callers that made room for several pieces at once.
     */
    public static int digits(byte[] b, int p, long v, int width) {
        int end = p + width;
        int i = end;
        long rest = v;
        for (; i - p >= 2; i -= 2) { // two digits a step, as number(): the fraction of every timestamp
            long q = rest / 100;
            int pair = (int) (rest - q * 100) * 2;
            b[i - 1] = DIGIT_PAIRS[pair + 1];
            b[i - 2] = DIGIT_PAIRS[pair];
            rest = q;
        }
        if (i > p) b[p] = (byte) ('0' + (int) rest); // an odd width's first digit: rest is below 10 here
        return end;
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
        1_000_000_000_000_000_000L};

    /** Appends {@code "s"} with JSON escaping. */
    public JsonBytes string(CharSequence s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        // Fast path: the common all-ASCII text that needs no escaping, with room already ensured.
        byte[] b = buf;
        int p = len;
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || ESCAPE_KIND[c] != 0) break;
            b[p++] = (byte) c;
        }
        len = p;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (ESCAPE_KIND[c] == 0) {
                    ensure(1);
                    buf[len++] = (byte) c;
                } else {
                    escape(c);
                }
            } else if (c < 0x800) {
                ensure(2);
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[len++] = (byte) (0xF0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                if (Character.isSurrogate(c)) c = '\uFFFD'; // a lone surrogate cannot be UTF-8
                ensure(3);
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        ensure(1);
        buf[len++] = '"';
        return this;
    }

    /**
     * Appends {@code "..."} from valid UTF-8 bytes, escaping only what JSON requires. Callers
     * guarantee the bytes are valid UTF-8 (the pipeline repairs invalid input before decoding).
     */
    public JsonBytes utf8String(byte[] src, int off, int n) {
        ensure(n + 2);
        buf[len++] = '"';
        return escapedUtf8(src, off, n).raw((byte) '"');
    }

    /** Appends {@code "..."} from bytes that are their own JSON form (valid UTF-8 that needs no escape), as they are. */
    public JsonBytes quoted(byte[] src, int off, int n) {
        ensure(n + 2);
        byte[] b = buf;
        b[len] = '"';
        System.arraycopy(src, off, b, len + 1, n);
        b[len + 1 + n] = '"';
        len += n + 2;
        return this;
    }

    /** Appends valid UTF-8 bytes as the content of a JSON string (no quotes), escaping only what JSON requires. */
    public JsonBytes escapedUtf8(byte[] src, int off, int n) {
        int end = off + n;
        int runStart = off;
        for (int i = off; i < end; i++) {
            int b = src[i];
            if (b >= 0 && ESCAPE_KIND[b] != 0) {
                raw(src, runStart, i - runStart);
                escape((char) b);
                runStart = i + 1;
            }
        }
        return raw(src, runStart, end - runStart);
    }

    private void escape(char c) {
        ensure(6);
        buf[len++] = '\\';
        if (ESCAPE_KIND[c] == 1) {
            buf[len++] = ESCAPE_CHAR[c];
        } else {
            buf[len++] = 'u';
            buf[len++] = '0';
            buf[len++] = '0';
            buf[len++] = HEX[c >> 4];
            buf[len++] = HEX[c & 0xF];
        }
    }
}
