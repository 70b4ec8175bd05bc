package io.sluice.api.framing;

import io.sluice.api.bytes.ByteScan;

/**
 * Which bytes end a line. Newline for every line-based input; syslog over TCP with non-transparent
 * framing (RFC 6587 section 3.4.2) also ends a message at NUL, and a connection whose sender ends each
 * message with NUL (Python's {@code logging.handlers.SysLogHandler} over TCP, for one) ends messages
 * only there, so the newlines of a multi-line message (a traceback) stay in it.
 */
public enum LineDelimiters {
    NEWLINE((byte) '\n', false),
    NEWLINE_OR_NUL((byte) '\n', true),
    NUL((byte) 0, false);

    /** The delimiter, and whether NUL ends a line as well: a field test, not a switch, on the per-line path. */
    private final byte delimiter;
    private final boolean orNul;

    LineDelimiters(byte delimiter, boolean orNul) {
        this.delimiter = delimiter;
        this.orNul = orNul;
    }

    /** Index of the first delimiter in {@code b[from..to)}; {@code to} if none. */
    public int indexIn(byte[] b, int from, int to) {
        return orNul ? ByteScan.indexOfEither(b, from, to, delimiter, (byte) 0) : ByteScan.indexOf(b, from, to, delimiter);
    }
}
