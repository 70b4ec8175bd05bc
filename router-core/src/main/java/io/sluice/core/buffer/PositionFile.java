package io.sluice.core.buffer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * The persisted read position {@code read.pos}: everything before (segment, offset) is acknowledged and
 * {@code nextSeq} is the sequence number expected next. Written atomically (temp file, fsync, rename, fsync of
 * the directory) and checked with a CRC32C, so a crash leaves either the old or the new position.
 */
final class PositionFile {
    static final String NAME = "read.pos";
    private static final int MAGIC = 0xD51CE750;
    private static final int SIZE = 32;

    /** A position in the buffer. */
    record Pos(long segment, long offset, long nextSeq) {
        boolean isAfter(Pos o) {
            return segment != o.segment ? segment > o.segment : offset > o.offset;
        }
    }

    /** The outcome of reading the file: a position, or why there is none. */
    record Read(Pos pos, String problem) {
        boolean missing() {
            return pos == null && problem == null;
        }
    }

    private PositionFile() {}

    static Read read(Path dir) {
        byte[] b;
        try {
            b = Files.readAllBytes(dir.resolve(NAME));
        } catch (NoSuchFileException e) {
            return new Read(null, null);
        } catch (IOException e) {
            return new Read(null, "cannot read " + NAME + ": " + e);
        }
        if (b.length != SIZE) return new Read(null, NAME + " has " + b.length + " bytes, expected " + SIZE);
        ByteBuffer bb = ByteBuffer.wrap(b);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, SIZE - 4);
        if (bb.getInt(0) != MAGIC || bb.getInt(SIZE - 4) != (int) crc.getValue()) {
            return new Read(null, NAME + " fails its checksum");
        }
        Pos pos = new Pos(bb.getLong(4), bb.getLong(12), bb.getLong(20));
        if (pos.segment < 0 || pos.offset < 0 || pos.nextSeq < 0) return new Read(null, NAME + " holds negative values");
        return new Read(pos, null);
    }

    static void write(Path dir, Pos pos) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(SIZE);
        bb.putInt(0, MAGIC).putLong(4, pos.segment).putLong(12, pos.offset).putLong(20, pos.nextSeq);
        CRC32C crc = new CRC32C();
        crc.update(bb.array(), 0, SIZE - 4);
        bb.putInt(SIZE - 4, (int) crc.getValue());
        Path tmp = dir.resolve(NAME + ".tmp");
        // Classic I/O: a FileChannel would fail the write if the acknowledging thread is being interrupted.
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            out.write(bb.array());
            out.getFD().sync();
        }
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SegmentFiles.syncDirectory(dir);
    }
}
