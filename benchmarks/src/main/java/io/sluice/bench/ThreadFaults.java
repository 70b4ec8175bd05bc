package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The calling thread's minor page faults so far, from Linux's {@code /proc/thread-self/stat}; -1 elsewhere. */
final class ThreadFaults {
    private static final Path STAT = Path.of("/proc/thread-self/stat");

    private ThreadFaults() {}

    static long minor() {
        try {
            String stat = Files.readString(STAT);
            // the fields after the command name, which is in parentheses and may hold spaces; minflt is the 8th
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
