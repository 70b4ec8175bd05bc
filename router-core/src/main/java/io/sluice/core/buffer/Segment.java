package io.sluice.core.buffer;

import java.nio.file.Path;
import java.util.TreeMap;

/**
 * One segment file as an open {@link DiskBuffer} knows it. {@code id}, {@code path} and {@code skips} (the damaged
 * ranges recovery found: start offset to the offset of the next intact record) never change; {@code size} (the
 * bytes written completely: the reader never reads past it) and {@code sealed} change only under the
 * {@link SegmentTable}'s lock, and only the {@link SegmentWriter} changes them.
 */
final class Segment {
    final long id;
    final Path path;
    long size;
    boolean sealed;
    final TreeMap<Long, Long> skips;

    Segment(long id, Path path, long size, boolean sealed, TreeMap<Long, Long> skips) {
        this.id = id;
        this.path = path;
        this.size = size;
        this.sealed = sealed;
        this.skips = skips;
    }

    /** A fresh, empty segment to append to. */
    static Segment empty(Path dir, long id) {
        return new Segment(id, SegmentFiles.path(dir, id), 0, false, new TreeMap<>());
    }
}
