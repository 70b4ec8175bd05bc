package io.sluice.api.json;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Utf8#isValid} agrees with the JDK's strict decoder, wherever in a record (and its eight-byte steps) a bad byte sits. */
class Utf8ValidityTest {

    @Test
    void aBadByteAtAnyPositionIsFound() {
        byte[] record = "level=info msg=\"order 1000042 shipped\" region=eu-west-1 latency_ms=12"
                .getBytes(StandardCharsets.US_ASCII);
        for (int off = 0; off < 9; off++) {
            for (int bad = off; bad < record.length; bad++) {
                byte[] b = record.clone();
                b[bad] = (byte) 0xC0; // never valid in UTF-8
                int len = record.length - off;
                assertThat(Utf8.isValid(b, off, len)).as("off %d, bad byte at %d", off, bad).isFalse();
                assertThat(Utf8.isValid(b, off, bad - off)).as("the part before it").isTrue();
            }
        }
    }

    @Test
    void randomRecordsAreJudgedAsTheJdkJudgesThem() {
        Random r = new Random(3);
        String[] pieces = {"a", "status=200 ", "ü", "€", "😀", "\u007f", "\u0000"};
        byte[][] broken = {{(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8}, {(byte) 0x80}};
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer buf = ByteBuffer.allocate(512);
            int parts = r.nextInt(30);
            for (int k = 0; k < parts; k++) {
                if (r.nextInt(40) == 0) buf.put(broken[r.nextInt(broken.length)]);
                else buf.put(pieces[r.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
            }
            byte[] b = java.util.Arrays.copyOf(buf.array(), buf.position());
            int off = b.length == 0 ? 0 : r.nextInt(Math.min(4, b.length));
            assertThat(Utf8.isValid(b, off, b.length - off)).isEqualTo(jdkValid(b, off, b.length - off));
        }
    }

    /** Sequences at the edges of RFC 3629's table: the first and last valid ones of each form, and the first invalid ones past them. */
    private static final int[][] EDGES = {
            {0x7F}, {0x80}, {0xBF}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xC2, 0x80}, {0xC2, 0x7F}, {0xC2, 0xC0}, {0xDF, 0xBF},
            {0xE0, 0x80, 0x80}, {0xE0, 0x9F, 0xBF}, {0xE0, 0xA0, 0x80}, {0xE1, 0x80, 0x80}, {0xEC, 0xBF, 0xBF},
            {0xED, 0x80, 0x80}, {0xED, 0x9F, 0xBF}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, {0xEE, 0x80, 0x80},
            {0xEF, 0xBF, 0xBF}, {0xEF, 0xBB, 0xBF}, {0xE1, 0x80, 0x7F}, {0xE1, 0x80, 0xC0},
            {0xF0, 0x80, 0x80, 0x80}, {0xF0, 0x8F, 0xBF, 0xBF}, {0xF0, 0x90, 0x80, 0x80}, {0xF3, 0xBF, 0xBF, 0xBF},
            {0xF4, 0x8F, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xF1, 0x80, 0x80, 0x7F},
            {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xFC, 0x84, 0x80, 0x80, 0x80, 0x80}, {0xFE}, {0xFF},
    };

    @Test
    void everyEdgeSequenceWholeAndTruncatedAtEveryOffsetOfTheWordSteps() {
        for (int[] edge : EDGES) {
            byte[] seq = new byte[edge.length];
            for (int k = 0; k < edge.length; k++) seq[k] = (byte) edge[k];
            for (int cut = 1; cut <= seq.length; cut++) {
                // before and after the sequence: ASCII runs that put it at every position of a 32-byte step and at the end
                for (int before = 0; before < 70; before++) {
                    for (int after : new int[] {0, 1, 7, 8, 9, 31, 32, 33, 40}) {
                        byte[] b = new byte[1 + before + cut + after];
                        Arrays.fill(b, (byte) 'x');
                        System.arraycopy(seq, 0, b, 1 + before, cut);
                        assertThat(Utf8.isValid(b, 1, b.length - 1))
                                .as("%s cut to %d after %d ASCII bytes, %d after", Arrays.toString(edge), cut, before, after)
                                .isEqualTo(jdkValid(b, 1, b.length - 1));
                    }
                }
            }
        }
    }

    @Test
    void mixedTextAndBytesOutsideTheRangeAreJudgedAsTheJdkJudgesThem() {
        byte[] text = "ASCII run of more than thirty-two bytes, then ü € 😀 and back to ASCII for a while"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isValid(text, 0, text.length)).isTrue();
        for (int pos = 0; pos < text.length; pos++) {
            for (int v : new int[] {0x80, 0xBF, 0xC0, 0xC1, 0xE0, 0xED, 0xF4, 0xF5, 0xFF}) {
                byte[] b = text.clone();
                b[pos] = (byte) v;
                assertThat(Utf8.isValid(b, 0, b.length)).as("0x%X at %d", v, pos).isEqualTo(jdkValid(b, 0, b.length));
            }
        }
    }

    @Test
    void randomBytesAreJudgedAsTheJdkJudgesThem() {
        Random r = new Random(10);
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[r.nextInt(100)];
            // mostly ASCII, as records are, with high bytes at a rate that leaves some arrays valid
            int highs = r.nextInt(4);
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (r.nextInt(64) < highs ? 0x80 + r.nextInt(128) : r.nextInt(128));
            }
            if (i % 4 == 0 && b.length > 4) { // a valid sequence of a random code point somewhere
                byte[] cp = new String(Character.toChars(r.nextInt(0x10FFFF))).getBytes(StandardCharsets.UTF_8);
                int at = r.nextInt(b.length - 3);
                System.arraycopy(cp, 0, b, at, Math.min(cp.length, b.length - at));
            }
            int off = b.length == 0 ? 0 : r.nextInt(Math.min(8, b.length));
            assertThat(Utf8.isValid(b, off, b.length - off)).as("%s from %d", Arrays.toString(b), off)
                    .isEqualTo(jdkValid(b, off, b.length - off));
        }
    }

    private static boolean jdkValid(byte[] b, int off, int len) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
