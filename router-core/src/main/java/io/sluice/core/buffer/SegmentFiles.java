package io.sluice.core.buffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Names and lists the files of a disk-buffer directory. */
final class SegmentFiles {
    static final String SUFFIX = ".seg";
    static final String QUARANTINE_DIR = "quarantine";

    private SegmentFiles() {}

    static String name(long id) {
        return String.format("%020d%s", id, SUFFIX);
    }

    static Path path(Path dir, long id) {
        return dir.resolve(name(id));
    }

    /** Segment ids in the directory, oldest first. */
    static List<Long> list(Path dir) throws IOException {
        List<Long> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                String digits = n.substring(0, n.length() - SUFFIX.length());
                if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
                    try {
                        ids.add(Long.parseLong(digits));
                    } catch (NumberFormatException e) {
                        // not one of ours
                    }
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    /** Removes temporary files a crash left behind (an unfinished position write or segment rewrite). */
    static void deleteTemporaries(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path f : files) Files.deleteIfExists(f);
        }
    }

    /** Makes a create, rename or delete in the directory durable. Best effort where the platform cannot. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a directory for fsync; the data files themselves are forced.
        }
    }
}
