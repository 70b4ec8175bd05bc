package io.sluice.inputs.container;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The first bytes of a file. With device and inode it tells a file from a new one that got a
 * reused inode, and it changes when a file is truncated and rewritten (copytruncate).
 */
final class Fingerprint {
    static final int LENGTH = 256;

    private Fingerprint() {}

    /** Up to {@link #LENGTH} bytes from the start of the file (fewer when it is shorter). */
    static byte[] read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(LENGTH);
        long pos = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n <= 0) break;
            pos += n;
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }

    /** True when {@code known} (taken when the file may have been shorter) is a prefix of {@code current}. */
    static boolean sameFile(byte[] known, byte[] current) {
        if (current.length < known.length) return false;
        return Arrays.equals(known, 0, known.length, current, 0, known.length);
    }
}
