package io.sluice.inputs.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Datagrams the kernel dropped for a UDP listener because its receive buffer was full, before
 * Sluice could read them: the {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6}
 * for the sockets bound to the listener's port. Linux only; elsewhere it reads 0.
 *
 * <p>Sockets are matched by local port, not by inode (a Java socket does not tell its file
 * descriptor): another process bound to the same port with {@code SO_REUSEPORT} would be counted too.
 */
public final class KernelDrops {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
    private static final int LOCAL_ADDRESS = 1;
    private static final int DROPS = 12;

    private final String portSuffix;
    private final List<Path> tables;

    public KernelDrops(int port) {
        this(port, TABLES);
    }

    KernelDrops(int port, List<Path> tables) {
        this.portSuffix = String.format(Locale.ROOT, ":%04X", port);
        this.tables = tables;
    }

    /** The kernel's drop count of the listener's sockets now (it only grows while they are open). */
    public long total() {
        long sum = 0;
        for (Path table : tables) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException | SecurityException e) {
                continue; // not Linux, or no /proc: nothing to add
            }
            for (int i = 1; i < lines.size(); i++) sum += drops(lines.get(i));
        }
        return sum;
    }

    private long drops(String row) {
        String[] f = row.trim().split("\\s+");
        if (f.length <= DROPS || !f[LOCAL_ADDRESS].endsWith(portSuffix)) return 0;
        try {
            return Long.parseLong(f[DROPS]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
