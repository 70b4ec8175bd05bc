package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Levels;
import io.sluice.api.schema.Timestamps;

/**
 * structlog's {@code ConsoleRenderer} (its default output, {@code colors=False} or not a terminal):
 * {@code 2026-12-04 17:10:27 [info     ] user signed in                 attempt=2 user=u1}. The time is
 * what {@code TimeStamper} wrote (its default {@code %Y-%m-%d %H:%M:%S}, or {@code fmt="iso"}), and absent
 * without one; the level is padded inside its brackets to the longest of structlog's level names
 * ({@code exception}, nine). The rest of the line is the message: the event, padded, and the
 * {@code key=value} pairs, which structlog writes unquoted (a value may hold spaces) and so are left in it.
 * A logged exception's traceback follows on the next lines (joined by the {@code python} multiline rule).
 */
public final class Structlog implements TextLayout {
    /** structlog pads the level to the length of "exception". */
    private static final int LEVEL_WIDTH = 9;
    private final DecodeOptions options;
    private final long[] time = new long[2];

    public Structlog(DecodeOptions options) {
        this.options = options;
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        long t = LogEvent.NO_TIME;
        int p = off;
        if (p < end && b[p] != '[') {
            if (!Timestamps.parsePrefix(b, off, end - off, options.zone(), time)) return false;
            t = time[0];
            p = off + (int) time[1];
            if (p >= end || b[p] != ' ') return false;
            p++;
        }
        int close = p + 1 + LEVEL_WIDTH;
        if (close >= end || b[p] != '[' || b[close] != ']') return false;
        int wordEnd = Scan.wordEnd(b, p + 1, close);
        if (Scan.skipSpaces(b, wordEnd, close) != close) return false;
        Level level = Levels.fromWord(Scan.text(b, p + 1, wordEnd));
        if (level == null) return false;
        int msg = close + 1 < end && b[close + 1] == ' ' ? close + 2 : close + 1;
        if (t != LogEvent.NO_TIME) event.timestampNanos(t);
        event.level(level).message(Scan.text(b, msg, end));
        return true;
    }
}
