package io.sluice.outputs.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Size-based rotation: when a file would grow past {@code maxBytes}, {@code x.ndjson} becomes
 * {@code x.ndjson.1}, the old {@code .1} becomes {@code .2}, and so on; {@code .keep} is the oldest
 * kept, anything older is deleted. {@code maxBytes == 0} turns rotation off.
 */
record Rotation(long maxBytes, int keep) {
    static final Rotation NONE = new Rotation(0, 0);

    boolean enabled() {
        return maxBytes > 0;
    }

    /** True when {@code extra} more bytes do not fit; a file that is empty always takes them. */
    boolean isFull(long size, long extra) {
        return enabled() && size > 0 && size + extra > maxBytes;
    }

    /** Shifts the numbered files up by one and renames {@code file} to {@code file.1}; the file must be closed. */
    void shift(Path file) throws IOException {
        Files.deleteIfExists(numbered(file, keep));
        for (int i = keep - 1; i >= 1; i--) {
            Path from = numbered(file, i);
            if (Files.exists(from)) Files.move(from, numbered(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
        if (keep >= 1) {
            Files.move(file, numbered(file, 1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(file);
        }
    }

    static Path numbered(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }
}
