package io.sluice.outputs.elasticsearch;

import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Document ids are hashes that must never change (a changed id turns a retry into a duplicate), so
 * the library's MurmurHash3 x64 128 replaced the hand-written one only after this proved them equal
 * byte for byte; the old code stays here as the reference.
 */
class Murmur3LibraryTest {

    @Test
    void theLibraryHashEqualsTheHandWrittenOneOnRandomInputsAndOffsets() {
        Random random = new Random(20261202L);
        for (int round = 0; round < 20_000; round++) {
            int len = random.nextInt(301);
            int off = random.nextInt(8);
            byte[] data = new byte[off + len + random.nextInt(8)];
            random.nextBytes(data);
            assertThat(library(data, off, len)).as("length %d at offset %d", len, off).isEqualTo(reference(data, off, len));
        }
    }

    @Test
    void bytesWithTheHighBitSetInTheTailHashAlike() {
        // the tail is where a sign-extension slip would show (commons-codec's deprecated hash128 had one)
        for (int len = 0; len <= 32; len++) {
            byte[] data = new byte[len];
            java.util.Arrays.fill(data, (byte) 0xff);
            assertThat(library(data, 0, len)).isEqualTo(reference(data, 0, len));
        }
    }

    @Test
    void publishedAndPinnedVectorsStillHold() {
        assertThat(hex(library(bytes(""), 0, 0))).isEqualTo("00000000000000000000000000000000");
        assertThat(hex(library(bytes("a"), 0, 1))).isEqualTo("897859f6655555855a890e51483ab5e6");
        assertThat(hex(library(bytes("hello"), 0, 5))).isEqualTo("029bbd41b3a7d8cb191dae486a901e5b");
        // the vector published with MurmurHash3 (and in Guava's tests)
        byte[] fox = bytes("The quick brown fox jumps over the lazy dog");
        assertThat(hex(library(fox, 0, fox.length))).isEqualTo("6c1b07bc7bbc4be347939ac4a93c437a");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] reference(byte[] data, int off, int len) {
        byte[] out = new byte[16];
        ReferenceMurmur3.hash128(data, off, len, out);
        return out;
    }

    private static byte[] library(byte[] data, int off, int len) {
        long[] h = MurmurHash3.hash128x64(data, off, len, 0);
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(h[0]).putLong(h[1]).array();
    }
}
