package io.sluice.api.json;

import static io.sluice.api.bytes.ByteScan.HIGHS;
import static io.sluice.api.bytes.ByteScan.word;

/** UTF-8 validation and repair on bytes, so invalid input never reaches JSON output. */
public final class Utf8 {
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private Utf8() {}

    /** The bytes as a string, ill-formed sequences replaced by U+FFFD. */
    public static String decode(byte[] b, int off, int len) {
        if (isValid(b, off, len)) return new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
        JsonBytes out = new JsonBytes(len + 16);
        repair(b, off, len, out);
        return out.toString();
    }

    /** True when {@code b[off..off+len)} is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates). */
    public static boolean isValid(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (b[i] >= 0) {
                i = asciiEnd(b, i, end);
                continue;
            }
            int n = sequenceLength(b, i, end);
            if (n <= 0) return false;
            i += n;
        }
        return true;
    }

    /**
     * The end of the run of ASCII bytes at {@code i}: every record is checked, and the JIT does not
     * vectorize a byte loop with an early exit. Thirty-two bytes per step (four words ORed, one test)
     * took an S3 record (~185 bytes, all ASCII) from ~21 to ~12 ns against eight bytes per step, as
     * the loop's compare and branch, not the loads, were its cost; text that mixes in other scripts
     * comes back here after each multi-byte sequence.
     */
    private static int asciiEnd(byte[] b, int i, int end) {
        int start = i;
        for (; i + 32 <= end; i += 32) {
            long any = word(b, i) | word(b, i + 8) | word(b, i + 16) | word(b, i + 24);
            if ((any & HIGHS) != 0) break;
        }
        for (; i + 8 <= end; i += 8) {
            long high = word(b, i) & HIGHS;
            if (high != 0) return i + firstHighByte(high);
        }
        if (i < end && end - start >= 8) {
            // the last bytes as the word that ends with them (its bytes before i are ASCII): one test
            // instead of up to seven turns of the byte loop
            long high = word(b, end - 8) & HIGHS;
            return high == 0 ? end : end - 8 + firstHighByte(high);
        }
        while (i < end && b[i] >= 0) i++;
        return i;
    }

    /** The index in its (little-endian) word of the first byte whose high bit {@code high} has set. */
    private static int firstHighByte(long high) {
        return Long.numberOfTrailingZeros(high) >>> 3;
    }

    /**
     * Writes the bytes to {@code out} with every ill-formed sequence replaced by U+FFFD (one per
     * maximal invalid subpart, as the Unicode standard recommends).
     */
    public static void repair(byte[] b, int off, int len, JsonBytes out) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (b[i] >= 0) {
                out.raw(b[i]);
                i++;
                continue;
            }
            int n = sequenceLength(b, i, end);
            if (n > 0) {
                out.raw(b, i, n);
                i += n;
            } else {
                out.raw(REPLACEMENT);
                i += Math.max(1, -n);
            }
        }
    }

    /**
     * Length of the well-formed sequence at {@code i}, or minus the length of the invalid subpart to
     * skip (at least 1).
     */
    private static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c < 0x80) return 1;
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return -1;
        }
        for (int k = 1; k <= need; k++) {
            if (i + k >= end) return -k;
            int cc = b[i + k] & 0xFF;
            if (k == 1 ? (cc < lo || cc > hi) : (cc < 0x80 || cc > 0xBF)) return -k;
        }
        return need + 1;
    }
}
