package io.sluice.api.json;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
