package io.sluice.outputs.stdout;

import java.io.IOException;

/**
 * Standard output can no longer be written (the reading end of the pipe closed, or the terminal went
 * away). Not retriable: stdout does not come back for this process, so the operator must restart
 * Sluice with a reader attached or configure another output.
 */
public final class StdoutClosedException extends IOException {
    StdoutClosedException(IOException cause) {
        super("standard output is closed (" + cause.getMessage() + "): the stdout output cannot write any more "
                + "events; attach a reader to Sluice's stdout and restart it, or use another output", cause);
    }
}
