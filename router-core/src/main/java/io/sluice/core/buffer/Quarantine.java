package io.sluice.core.buffer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies damaged byte ranges out of segments into {@code <dir>/quarantine/<segment>.<offset>.bad}, so that
 * nothing is deleted that someone might want to look at or restore by hand. Idempotent: a range already
 * kept (same name, same size) is not copied again when a restart finds the same damage.
 */
final class Quarantine {
    private final Path dir;

    Quarantine(Path bufferDir) {
        this.dir = bufferDir.resolve(SegmentFiles.QUARANTINE_DIR);
    }

    /** Copies the range and returns the quarantine file; throws when it cannot be written (disk full). */
    Path keep(RandomAccessFile segment, String segmentName, long offset, long length) throws IOException {
        Path target = dir.resolve(segmentName + "." + offset + ".bad");
        if (Files.isRegularFile(target) && Files.size(target) == length) return target;
        Files.createDirectories(dir);
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        byte[] buf = new byte[(int) Math.min(length, 64 * 1024)];
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            segment.seek(offset);
            long done = 0;
            while (done < length) {
                int n = (int) Math.min(buf.length, length - done);
                segment.readFully(buf, 0, n);
                out.write(buf, 0, n);
                done += n;
            }
            out.getFD().sync();
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SegmentFiles.syncDirectory(dir);
        return target;
    }
}
