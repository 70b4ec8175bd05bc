package io.sluice.core.buffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.zip.CRC32C;

import static io.sluice.core.buffer.RecordFormat.HEADER_BYTES;
import static io.sluice.core.buffer.RecordFormat.MAGIC_BYTES;

/**
 * Checks records in a segment file up to a limit, and after damage finds the next intact record by looking
 * for the magic and verifying header and checksum. Streams payloads through a fixed buffer, so a garbage
 * length never makes it allocate. Classic I/O on purpose: an interrupt closes a FileChannel for every thread
 * that shares it, and the pipeline interrupts sink threads on shutdown.
 */
final class SegmentScanner {
    private static final int CHUNK = 64 * 1024;

    private final RandomAccessFile file;
    private final long end;
    private final byte[] header = new byte[HEADER_BYTES];
    private final byte[] window = new byte[CHUNK];
    private final byte[] payload = new byte[CHUNK];
    private final CRC32C crc = new CRC32C();

    SegmentScanner(RandomAccessFile file, long end) {
        this.file = file;
        this.end = end;
    }

    long end() {
        return end;
    }

    /** The record at {@code pos} when its header and checksum check out; null otherwise. */
    RecordFormat.Header recordAt(long pos) throws IOException {
        if (end - pos < HEADER_BYTES) return null;
        readFully(file, pos, header, HEADER_BYTES);
        RecordFormat.Header h = RecordFormat.parse(header, pos);
        if (h == null || h.end() > end) return null;
        crc.reset();
        crc.update(header, 0, 24);
        long p = pos + HEADER_BYTES;
        long left = h.length();
        while (left > 0) {
            int n = (int) Math.min(left, CHUNK);
            readFully(file, p, payload, n);
            crc.update(payload, 0, n);
            p += n;
            left -= n;
        }
        return (int) crc.getValue() == h.crc() ? h : null;
    }

    /** The offset of the first intact record at or after {@code from}, or -1 when there is none. */
    long findNext(long from) throws IOException {
        long p = from;
        while (end - p >= HEADER_BYTES) {
            int n = (int) Math.min(CHUNK, end - p);
            readFully(file, p, window, n);
            byte[] a = window;
            for (int i = 0; i + MAGIC_BYTES.length <= n; i++) {
                if (a[i] == MAGIC_BYTES[0] && a[i + 1] == MAGIC_BYTES[1] && a[i + 2] == MAGIC_BYTES[2]
                        && a[i + 3] == MAGIC_BYTES[3] && recordAt(p + i) != null) {
                    return p + i;
                }
            }
            p += n - (MAGIC_BYTES.length - 1); // overlap, so a magic across two windows is seen
        }
        return -1;
    }

    /** What the bytes from {@code from} to the end look like, given that no intact record follows. */
    DamageKind classifyTail(long from) throws IOException {
        boolean zeros = true;
        for (long p = from; p < end && zeros; ) {
            int n = (int) Math.min(CHUNK, end - p);
            readFully(file, p, window, n);
            for (int i = 0; i < n; i++) {
                if (window[i] != 0) {
                    zeros = false;
                    break;
                }
            }
            p += n;
        }
        if (zeros) return DamageKind.ZERO_FILLED_TAIL;
        int n = (int) Math.min(MAGIC_BYTES.length, end - from);
        readFully(file, from, window, n);
        for (int i = 0; i < n; i++) {
            if (window[i] != MAGIC_BYTES[i]) return DamageKind.GARBAGE_TAIL;
        }
        return DamageKind.TORN_TAIL;
    }

    static void readFully(RandomAccessFile f, long pos, byte[] dst, int length) throws IOException {
        f.seek(pos);
        f.readFully(dst, 0, length);
    }
}
