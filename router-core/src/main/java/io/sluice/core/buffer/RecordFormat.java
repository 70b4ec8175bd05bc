package io.sluice.core.buffer;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk record: a 28-byte header then the payload, big-endian.
 * <pre>
 *  0  magic      int   0xD51CE701 (not valid UTF-8, so it never occurs inside JSON text; last byte = version)
 *  4  length     int   payload bytes, 0 .. MAX_PAYLOAD
 *  8  seq        long  sequence number, +1 per record, across restarts
 * 16  appended   long  append time, epoch milliseconds
 * 24  crc        int   CRC32C of bytes 0..24 and of the payload
 * 28  payload
 * </pre>
 * The magic and the checksum together let a scan find the next intact record after damage.
 */
final class RecordFormat {
    static final int MAGIC = 0xD51CE701;
    static final int HEADER_BYTES = 28;
    static final int MAX_PAYLOAD = 256 << 20;
    static final byte[] MAGIC_BYTES = {(byte) 0xD5, (byte) 0x1C, (byte) 0xE7, (byte) 0x01};

    private RecordFormat() {}

    /** A parsed header that passed the magic and length checks (its CRC is not checked yet). */
    record Header(long offset, int length, long seq, long appendMillis, int crc) {
        long end() {
            return offset + HEADER_BYTES + length;
        }

        int totalBytes() {
            return HEADER_BYTES + length;
        }
    }

    /** Fills the header of the record whose payload is already at buf[HEADER_BYTES ..]. */
    static void seal(byte[] buf, int length, long seq, long appendMillis) {
        ByteBuffer b = ByteBuffer.wrap(buf);
        b.putInt(0, MAGIC).putInt(4, length).putLong(8, seq).putLong(16, appendMillis);
        CRC32C crc = new CRC32C();
        crc.update(buf, 0, 24);
        crc.update(buf, HEADER_BYTES, length);
        b.putInt(24, (int) crc.getValue());
    }

    /** Parses the 28 header bytes at b[0..28); null when the magic or the length is wrong. */
    static Header parse(byte[] b, long offset) {
        ByteBuffer bb = ByteBuffer.wrap(b);
        if (bb.getInt(0) != MAGIC) return null;
        int length = bb.getInt(4);
        if (length < 0 || length > MAX_PAYLOAD) return null;
        return new Header(offset, length, bb.getLong(8), bb.getLong(16), bb.getInt(24));
    }

    /** Whether header bytes plus payload match the header's CRC. */
    static boolean crcMatches(byte[] header, byte[] payload, int length, int expected) {
        CRC32C crc = new CRC32C();
        crc.update(header, 0, 24);
        crc.update(payload, 0, length);
        return (int) crc.getValue() == expected;
    }
}
