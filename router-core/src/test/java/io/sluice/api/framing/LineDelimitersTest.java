package io.sluice.api.framing;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The framers' word-at-a-time delimiter search finds exactly what a byte-by-byte scan finds, at every
 * alignment and range, including the bytes its zero test could confuse (0x01 and 0x0B above a match,
 * bytes with the high bit set) and matches in the tail shorter than a word.
 */
class LineDelimitersTest {
    private static final byte[] TRICKY = {'\n', 0, 1, 0x0B, 0x09, (byte) 0x80, (byte) 0x8A, (byte) 0xFF, 'a', '\r'};

    @Test
    void findsTheFirstDelimiterLikeAByteScan() {
        Random r = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + r.nextInt(40)];
            int matches = r.nextInt(3);
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(4) == 0 ? TRICKY[2 + r.nextInt(TRICKY.length - 2)] : (byte) ('a' + r.nextInt(26));
            }
            for (int m = 0; m < matches; m++) b[r.nextInt(b.length)] = TRICKY[r.nextInt(2)];
            int from = r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            for (LineDelimiters d : LineDelimiters.values()) {
                assertEquals(scan(b, from, to, d), d.indexIn(b, from, to), () -> d + " " + describe(b, from, to));
            }
        }
    }

    @Test
    void aNulIsNoDelimiterUnlessAsked() {
        byte[] b = "abcdefgh\0ijklmnop\nq".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(17, LineDelimiters.NEWLINE.indexIn(b, 0, b.length));
        assertEquals(8, LineDelimiters.NEWLINE_OR_NUL.indexIn(b, 0, b.length));
        assertEquals(17, LineDelimiters.NEWLINE.indexIn(b, 0, 17), "none before the end");
        assertEquals(17, LineDelimiters.NEWLINE_OR_NUL.indexIn(b, 9, 18), "after the NUL, the newline");
        assertEquals(8, LineDelimiters.NUL.indexIn(b, 0, b.length));
        assertEquals(18, LineDelimiters.NUL.indexIn(b, 9, 18), "a newline is no delimiter when only NUL is");
    }

    private static int scan(byte[] b, int from, int to, LineDelimiters d) {
        for (int i = from; i < to; i++) {
            boolean newline = b[i] == '\n' && d != LineDelimiters.NUL;
            boolean nul = b[i] == 0 && d != LineDelimiters.NEWLINE;
            if (newline || nul) return i;
        }
        return to;
    }

    private static String describe(byte[] b, int from, int to) {
        return java.util.Arrays.toString(b) + " [" + from + ", " + to + ")";
    }
}
