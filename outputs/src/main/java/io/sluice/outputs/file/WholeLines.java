package io.sluice.outputs.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Finds where the last complete line of a file ends, so a partial line left by a crash can be cut off. */
final class WholeLines {
    private static final int BLOCK = 8192;

    private WholeLines() {}

    /** The length up to and including the last {@code '\n'}; the file's whole length when it ends with one. */
    static long length(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) return 0;
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - BLOCK);
            buf.clear().limit((int) (end - start));
            long pos = start;
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos);
                if (n < 0) break;
                pos += n;
            }
            for (int i = buf.position() - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') return start + i + 1;
            }
            end = start;
        }
        return 0;
    }
}
