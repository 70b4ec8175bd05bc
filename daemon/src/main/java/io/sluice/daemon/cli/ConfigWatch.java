package io.sluice.daemon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Notices that the config file changed, by its modification time and size. Polling (from the run
 * loop) rather than a WatchService: watches miss editors' rename-and-replace and ConfigMap symlink
 * swaps, a one-second stat does not.
 */
final class ConfigWatch {
    private final Path file;
    private FileTime lastModified;
    private long lastSize;
    private long nextCheck;

    ConfigWatch(Path file) {
        this.file = file;
        snapshot();
    }

    /** True once per change; checks at most once a second. */
    boolean changed() {
        long now = System.currentTimeMillis();
        if (now < nextCheck) return false;
        nextCheck = now + 1000;
        FileTime before = lastModified;
        long sizeBefore = lastSize;
        snapshot();
        return lastModified != null && (!lastModified.equals(before) || lastSize != sizeBefore);
    }

    private void snapshot() {
        try {
            Path real = file.toRealPath();
            lastModified = Files.getLastModifiedTime(real);
            lastSize = Files.size(real);
        } catch (IOException e) {
            // being replaced right now; look again next second
        }
    }
}
