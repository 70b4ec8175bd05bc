package io.sluice.inputs.container;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The resume offset of every tracked file, stored in the input's data dir. A store writes a temp
 * file, forces it to disk and renames it over the old one, so a crash leaves either the old or the
 * new checkpoints, never a torn file. One line per file: {@code dev ino offset fingerprint-hex path}.
 */
final class Checkpoints {
    /** One file's checkpoint; the path is only for people reading the file. */
    record Entry(FileKey key, byte[] fingerprint, long offset, String path) {}

    private static final String NAME = "container-checkpoints";

    private final Path file;
    private final Path temp;

    Checkpoints(Path dataDir) {
        this.file = dataDir.resolve(NAME);
        this.temp = dataDir.resolve(NAME + ".tmp");
    }

    Path file() {
        return file;
    }

    /** What was stored; empty when nothing was (a line that cannot be read is skipped). */
    Map<FileKey, Entry> load() throws IOException {
        Map<FileKey, Entry> out = new HashMap<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ", 5);
            if (f.length < 4) continue;
            try {
                FileKey key = new FileKey(Long.parseLong(f[0]), Long.parseLong(f[1]));
                byte[] fp = f[3].equals("-") ? new byte[0] : HexFormat.of().parseHex(f[3]);
                out.put(key, new Entry(key, fp, Long.parseLong(f[2]), f.length == 5 ? f[4] : ""));
            } catch (IllegalArgumentException e) {
                // a damaged line loses one file's position only: it is read from its start again
            }
        }
        return out;
    }

    void store(List<Entry> entries) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e.key().device()).append(' ').append(e.key().inode()).append(' ').append(e.offset()).append(' ')
                    .append(e.fingerprint().length == 0 ? "-" : HexFormat.of().formatHex(e.fingerprint()))
                    .append(' ').append(e.path().replace('\n', ' ')).append('\n');
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(file.getParent());
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine there. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }
}
