package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Levels;
import io.sluice.api.schema.Timestamps;

import java.util.Locale;

/**
 * Python's {@code logging}: the {@code basicConfig} default {@code %(levelname)s:%(name)s:%(message)s}
 * ({@code WARNING:root:msg}) and the documentation's {@code %(asctime)s - %(name)s - %(levelname)s - %(message)s}
 * ({@code 2026-12-02 12:26:44,868 - pricing - WARNING - msg}).
 */
public final class PythonLogging implements TextLayout {
    /** {@code CRITICAL}, the longest of Python's level names. */
    private static final int LONGEST_LEVEL = 8;
    private final DecodeOptions options;
    private final long[] time = new long[2];

    public PythonLogging(DecodeOptions options) {
        this.options = options;
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        return end > off && (Scan.isDigit(b[off]) ? asctime(b, off, end, event) : basic(b, off, end, event));
    }

    /** {@code LEVEL:name:message}: the level is one of Python's level names, upper case. */
    private static boolean basic(byte[] b, int off, int end, LogEvent event) {
        int colon = Scan.indexOf(b, off, Math.min(end, off + 9), (byte) ':');
        if (colon < 0) return false;
        Level level = level(b, off, colon);
        if (level == null) return false;
        int nameEnd = Scan.indexOf(b, colon + 1, end, (byte) ':');
        if (nameEnd <= colon + 1 || Scan.indexOf(b, colon + 1, nameEnd, (byte) ' ') >= 0) return false;
        event.level(level).logger(Scan.text(b, colon + 1, nameEnd)).message(Scan.text(b, nameEnd + 1, end));
        return true;
    }

    private boolean asctime(byte[] b, int off, int end, LogEvent event) {
        if (!Timestamps.parsePrefix(b, off, end - off, options.zone(), time)) return false;
        int p = off + (int) time[1];
        if (!Scan.startsWith(b, p, end, " - ")) return false;
        int nameEnd = Scan.indexOf(b, p + 3, end, " - ");
        if (nameEnd < 0) return false;
        // the window holds the longest level name (CRITICAL) and the separator after it
        int levelEnd = Scan.indexOf(b, nameEnd + 3, Math.min(end, nameEnd + 3 + LONGEST_LEVEL + 3), " - ");
        Level level = levelEnd < 0 ? null : level(b, nameEnd + 3, levelEnd);
        if (level == null) return false;
        event.timestampNanos(time[0]).level(level).logger(Scan.text(b, p + 3, nameEnd))
                .message(Scan.text(b, levelEnd + 3, end));
        return true;
    }

    /**
     * Python's level names (logging.getLevelName), exactly, and the names applications give their own
     * levels with {@code logging.addLevelName} (TRACE, VERBOSE, NOTICE, ...) when they are upper case
     * level words: in upper case, as Python's own, so that prose starting {@code Note:} is no level.
     */
    private static Level level(byte[] b, int from, int to) {
        String word = Scan.text(b, from, to);
        return switch (word) {
            case "DEBUG" -> Level.DEBUG;
            case "INFO" -> Level.INFO;
            case "WARNING", "WARN" -> Level.WARN;
            case "ERROR" -> Level.ERROR;
            case "CRITICAL", "FATAL" -> Level.FATAL;
            default -> word.equals(word.toUpperCase(Locale.ROOT)) ? Levels.fromTextWord(word) : null;
        };
    }
}
