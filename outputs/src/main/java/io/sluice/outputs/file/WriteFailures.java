package io.sluice.outputs.file;

import io.sluice.api.plugin.OutputException;
import io.sluice.api.plugin.PermanentOutputException;
import io.sluice.api.plugin.RetriableException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which kind of failure a file that cannot be opened or written is. Permission denied and a file
 * system mounted read-only are permanent: only the operator can change them, so the sink's circuit
 * opens at once and readiness names the path. Anything else, a full disk above all, is retriable:
 * space comes back without the operator (rotation, cleanup, a volume that grows), and the events
 * wait in the buffer meanwhile.
 */
final class WriteFailures {
    private WriteFailures() {}

    /**
     * @param what        what failed, with the path ("cannot write /var/log/app.ndjson")
     * @param path        the file or directory that failed
     * @param consequence what happens to the batch, appended to the message (may be empty)
     */
    static OutputException of(String what, Path path, IOException e, String consequence) {
        if (e instanceof AccessDeniedException) {
            return new PermanentOutputException(what + ": permission denied (" + e.getMessage() + "); give the user "
                    + "Sluice runs as write access to the file and its directory" + consequence, e);
        }
        if (onReadOnlyFileSystem(path)) {
            return new PermanentOutputException(what + ": the file system is mounted read-only (" + e.getMessage()
                    + "); remount it read-write or point path at a writable one" + consequence, e);
        }
        return new RetriableException(what + ": " + e + consequence, e);
    }

    /** Asks the mount, not the error text: strerror's wording depends on the locale. */
    private static boolean onReadOnlyFileSystem(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return false;
        try {
            return Files.getFileStore(p).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }
}
