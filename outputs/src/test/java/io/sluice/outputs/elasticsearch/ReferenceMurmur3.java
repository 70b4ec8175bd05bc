package io.sluice.outputs.elasticsearch;

/**
 * The hand-written MurmurHash3 x64 128-bit that made document ids before commons-codec's
 * {@code MurmurHash3.hash128x64} replaced it; kept as the reference {@link Murmur3LibraryTest}
 * holds the library to, since a changed hash would change every document id.
 */
final class ReferenceMurmur3 {
    private ReferenceMurmur3() {}

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    /** Writes the 16-byte hash of {@code data[off, off+len)} into {@code out[0..16)}. */
    static void hash128(byte[] data, int off, int len, byte[] out) {
        long h1 = 0;
        long h2 = 0;
        int blocks = len / 16;
        for (int b = 0; b < blocks; b++) {
            int i = off + b * 16;
            long k1 = getLong(data, i);
            long k2 = getLong(data, i + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = off + blocks * 16;
        int rem = len & 15;
        long k1 = 0;
        long k2 = 0;
        for (int j = rem - 1; j >= 8; j--) k2 = (k2 << 8) | (data[tail + j] & 0xffL);
        for (int j = Math.min(rem, 8) - 1; j >= 0; j--) k1 = (k1 << 8) | (data[tail + j] & 0xffL);
        if (rem > 8) h2 ^= mixK2(k2);
        if (rem > 0) h1 ^= mixK1(k1);
        h1 ^= len;
        h2 ^= len;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        putLong(out, 0, h1);
        putLong(out, 8, h2);
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static long getLong(byte[] b, int i) {
        long v = 0;
        for (int j = 7; j >= 0; j--) v = (v << 8) | (b[i + j] & 0xffL);
        return v;
    }

    private static void putLong(byte[] b, int i, long v) {
        for (int j = 0; j < 8; j++) {
            b[i + j] = (byte) v;
            v >>>= 8;
        }
    }
}
