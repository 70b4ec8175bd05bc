package io.sluice.api.bytes;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The word-at-a-time searches find what a byte loop finds, wherever the match and the bounds fall. */
class ByteScanTest {

    /**
     * Random arrays of few distinct bytes (the targets, 0x01 just above a target's borrow, bytes of
     * 0x80 and up, 0x00) and random bounds, so matches fall inside a word, across words, in the tail,
     * past {@code to} and nowhere.
     */
    @Test
    void findsTheFirstMatchInsideTheBoundsAsAByteLoopDoes() {
        Random r = new Random(3);
        byte[] alphabet = {'"', '=', ' ', ']', 0x01, 0x00, (byte) 0x80, (byte) 0xFF, (byte) 0xA2, 'a', '!', '>', '<', '\\'};
        for (int round = 0; round < 200_000; round++) {
            byte[] b = new byte[r.nextInt(80)];
            int spread = 1 + r.nextInt(alphabet.length);
            for (int i = 0; i < b.length; i++) b[i] = r.nextInt(4) == 0 ? alphabet[r.nextInt(spread)] : (byte) 'x';
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            byte c = alphabet[r.nextInt(alphabet.length)];
            byte d = alphabet[r.nextInt(alphabet.length)];
            assertThat(ByteScan.indexOf(b, from, to, c)).as("indexOf round %d", round).isEqualTo(loop(b, from, to, c, c));
            assertThat(ByteScan.indexOfEither(b, from, to, c, d)).as("indexOfEither round %d", round)
                    .isEqualTo(loop(b, from, to, c, d));
        }
    }

    @Test
    void aMatchJustPastTheEndCountsAsNone() {
        byte[] b = "abcdefgh\"ijklmnop".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(ByteScan.indexOf(b, 0, 8, (byte) '"')).isEqualTo(8);
        assertThat(ByteScan.indexOf(b, 3, 5, (byte) '"')).isEqualTo(5);
        assertThat(ByteScan.indexOf(b, 0, 9, (byte) '"')).isEqualTo(8);
        assertThat(ByteScan.indexOfEither(b, 2, 4, (byte) 'k', (byte) '"')).isEqualTo(4);
    }

    private static int loop(byte[] b, int from, int to, byte c, byte d) {
        for (int i = from; i < to; i++) {
            if (b[i] == c || b[i] == d) return i;
        }
        return to;
    }
}
