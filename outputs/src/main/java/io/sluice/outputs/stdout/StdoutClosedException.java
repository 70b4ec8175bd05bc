package io.sluice.outputs.stdout;

import io.sluice.api.plugin.PermanentOutputException;

import java.io.IOException;

/**
 * Standard output can no longer be written (the reading end of the pipe closed, or the terminal went
 * away). Permanent: stdout does not come back for this process, so the operator must restart Sluice
 * with a reader attached or configure another output; until then the sink's circuit stays open.
 */
public final class StdoutClosedException extends PermanentOutputException {
    StdoutClosedException(IOException cause) {
        super("standard output is closed (" + cause.getMessage() + "): the stdout output cannot write any more "
                + "events; attach a reader to Sluice's stdout and restart it, or use another output", cause);
    }
}
