package io.sluice.inputs.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A file's device and inode: what stays the same when the file is renamed (symlinks followed). */
record FileKey(long device, long inode) {

    static FileKey of(Path path) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino");
            return new FileKey(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue());
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view (not Linux/macOS): the platform's file key is the next best identity
            Object k = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return new FileKey(0, k == null ? path.toAbsolutePath().hashCode() : k.hashCode());
        }
    }

    // Written out: a record's generated equals and hashCode link an invokedynamic call site at first
    // use, and this is the first record compared at start (docs/performance.md, "Session 7: start-up").
    @Override
    public boolean equals(Object o) {
        return o instanceof FileKey k && k.device == device && k.inode == inode;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(device) * 31 + Long.hashCode(inode);
    }
}
