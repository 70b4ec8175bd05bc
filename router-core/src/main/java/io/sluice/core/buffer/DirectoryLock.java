package io.sluice.core.buffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on {@code <dir>/.lock}, so that two processes (or a repair) never write one buffer. */
final class DirectoryLock implements AutoCloseable {
    static final String NAME = ".lock";
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("disk buffer " + dir + " is in use (locked by a running Sluice or another tool); "
                    + "stop it first, or give each pipeline its own data_dir");
        }
        return new DirectoryLock(ch, lock);
    }

    /** Whether someone holds the lock now (for inspect, which reads without locking). */
    static boolean isHeld(Path dir) {
        if (!Files.exists(dir.resolve(NAME))) return false;
        try (DirectoryLock l = acquire(dir)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
