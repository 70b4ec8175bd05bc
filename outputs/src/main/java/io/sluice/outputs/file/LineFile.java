package io.sluice.outputs.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One open output file that only ever holds whole lines. A write either lands completely or the file
 * is cut back to its length before the write, so a retried batch neither duplicates nor tears a line.
 * Writes go to the file's committed length with positional writes; {@link FileChannel} has no
 * user-space buffer, so a returned write is in the operating system.
 */
final class LineFile implements AutoCloseable {
    private final Path path;
    private final Rotation rotation;
    private final boolean fsync;
    private FileChannel channel;
    /** The identity (device and inode) of the file we opened, to notice it was moved or deleted. */
    private Object fileKey;
    /** The length of the file's whole lines: everything we wrote that succeeded. */
    private long size;

    private LineFile(Path path, Rotation rotation, boolean fsync) {
        this.path = path;
        this.rotation = rotation;
        this.fsync = fsync;
    }

    /** Opens (creating the file and its directories) and cuts off a partial last line left by a crash. */
    static LineFile open(Path path, Rotation rotation, boolean fsync) throws IOException {
        LineFile f = new LineFile(path, rotation, fsync);
        f.openChannel();
        return f;
    }

    private void openChannel() throws IOException {
        Path parent = path.getParent();
        if (parent != null) Files.createDirectories(parent);
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        size = WholeLines.length(channel);
        if (channel.size() > size) channel.truncate(size);
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /** True when {@code extra} more bytes, after {@code pending} not yet written, must go to a fresh file. */
    boolean needsRotation(long pending, long extra) {
        return rotation.isFull(size + pending, extra);
    }

    /** Writes whole lines; on failure the file is back to its previous length and the exception is thrown. */
    void write(ByteBuffer lines) throws IOException {
        long before = size;
        try {
            // a failed cut-back earlier may have left bytes past the committed length
            if (channel.size() != before) channel.truncate(before);
            long pos = before;
            while (lines.hasRemaining()) pos += channel.write(lines, pos);
            if (fsync) channel.force(false);
            size = pos;
        } catch (IOException e) {
            cutBack(before, e);
            throw e;
        }
    }

    private void cutBack(long length, IOException cause) {
        try {
            channel.truncate(length);
            // make the cut durable too, or a crash could resurrect the torn tail
            if (fsync) channel.force(false);
        } catch (IOException again) {
            // the next write (or the next open) cuts it again
            cause.addSuppressed(again);
        }
    }

    /** Renames this file away (x → x.1 …) and starts an empty one at the same path. */
    void rotate() throws IOException {
        if (fsync) channel.force(true);
        channel.close();
        IOException failure = null;
        try {
            rotation.shift(path);
        } catch (IOException e) {
            failure = e; // the file is still there, unrotated: reopen it so the output can go on
        }
        openChannel();
        if (failure != null) throw failure;
    }

    /**
     * True while the path still names the file we hold open. An operator (or logrotate) may move or
     * delete it; writing on into the moved file would hide the new events, so the owner reopens.
     */
    boolean stillAtPath() {
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return fileKey == null || fileKey.equals(now);
        } catch (IOException e) {
            return false;
        }
    }

    /** False after a failed rotation could not reopen the file; the owner then drops this handle. */
    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (channel != null && channel.isOpen()) channel.close();
    }
}
