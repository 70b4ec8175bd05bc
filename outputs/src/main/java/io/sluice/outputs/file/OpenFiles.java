package io.sluice.outputs.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output's open files, at most {@code maxOpen} at once: a templated path can name a file per
 * service or per host, and file descriptors are limited, so the least recently written file is closed
 * when another must open. Not thread-safe; the file output calls it from one thread at a time.
 */
final class OpenFiles implements AutoCloseable {
    private final int maxOpen;
    private final Rotation rotation;
    private final boolean fsync;
    private final LinkedHashMap<Path, LineFile> files = new LinkedHashMap<>(16, 0.75f, true);

    OpenFiles(int maxOpen, Rotation rotation, boolean fsync) {
        this.maxOpen = maxOpen;
        this.rotation = rotation;
        this.fsync = fsync;
    }

    /** The open file for {@code path}, opening it (and closing the least recently used) if needed. */
    LineFile get(Path path) throws IOException {
        LineFile f = files.get(path);
        if (f != null && f.isOpen() && f.stillAtPath()) return f;
        if (f != null) {
            files.remove(path);
            closeQuietly(f);
        }
        f = LineFile.open(path, rotation, fsync);
        files.put(path, f);
        evictOverflow();
        return f;
    }

    private void evictOverflow() {
        Iterator<Map.Entry<Path, LineFile>> it = files.entrySet().iterator();
        while (files.size() > maxOpen && it.hasNext()) {
            LineFile eldest = it.next().getValue();
            it.remove();
            closeQuietly(eldest);
        }
    }

    int openCount() {
        return files.size();
    }

    @Override
    public void close() {
        files.values().forEach(OpenFiles::closeQuietly);
        files.clear();
    }

    private static void closeQuietly(LineFile f) {
        try {
            f.close();
        } catch (IOException ignored) {
            // every write already went to the OS; closing has nothing left to lose
        }
    }
}
