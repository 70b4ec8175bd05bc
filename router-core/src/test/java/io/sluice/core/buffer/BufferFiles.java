package io.sluice.core.buffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** File surgery for the damage tests: what crashes and failing disks do to segment files. */
final class BufferFiles {
    private BufferFiles() {}

    /** Copies the buffer's files as they are now, as a kill -9 would leave them (the lock is not copied). */
    static void copyAsIfCrashed(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && !f.getFileName().toString().equals(DirectoryLock.NAME)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    static Path segment(Path dir, long id) {
        return SegmentFiles.path(dir, id);
    }

    static List<Long> segments(Path dir) throws IOException {
        return SegmentFiles.list(dir);
    }

    static byte[] slice(Path file, long offset, int length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] b = new byte[length];
            f.seek(offset);
            f.readFully(b);
            return b;
        }
    }

    static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5A);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    static void append(Path file, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length());
            f.write(bytes);
        }
    }

    static void writeAt(Path file, long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }
}
