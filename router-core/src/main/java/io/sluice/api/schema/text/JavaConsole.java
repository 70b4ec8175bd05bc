package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Levels;
import io.sluice.api.schema.Timestamps;

/**
 * The default console layout of logback ({@code TTLLLayout}: {@code 12:26:44.868 [main] DEBUG com.acme.Pricing -- msg})
 * and of log4j2 ({@code DefaultConfiguration}: {@code %d{HH:mm:ss.SSS} [%t] %-5level %logger{36} - %msg}),
 * and the same layout with a full date in front ({@code 2026-12-02 12:26:44.868 [main] ...}). A time of
 * day alone is read as today in the input's zone.
 */
public final class JavaConsole implements TextLayout {
    private final DecodeOptions options;
    private final long[] time = new long[2];

    public JavaConsole(DecodeOptions options) {
        this.options = options;
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        long t;
        int p;
        if (end - off > 19 && Timestamps.parsePrefix(b, off, end - off, options.zone(), time)) {
            t = time[0];
            p = off + (int) time[1];
        } else if (LocalTimes.timeOfDay(b, off, end, time)) {
            t = LogEvent.NO_TIME; // resolved against the clock only once the line is known to match
            p = (int) time[1];
        } else {
            return false;
        }
        long nanosOfDay = time[0];
        if (p >= end || b[p] != ' ' || p + 1 >= end || b[p + 1] != '[') return false;
        int threadEnd = Scan.indexOf(b, p + 2, end, "] ");
        if (threadEnd < 0) return false;
        int levelStart = threadEnd + 2;
        int levelEnd = Scan.wordEnd(b, levelStart, end);
        Level level = Levels.fromTextWord(Scan.text(b, levelStart, levelEnd));
        if (level == null) return false;
        int loggerStart = Scan.skipSpaces(b, levelEnd, end);
        int loggerEnd = Scan.wordEnd(b, loggerStart, end);
        int sep = Scan.skipSpaces(b, loggerEnd, end);
        int msg;
        if (Scan.startsWith(b, sep, end, "-- ")) {
            msg = sep + 3;
        } else if (Scan.startsWith(b, sep, end, "- ")) {
            msg = sep + 2;
        } else if (loggerEnd == loggerStart || sep + 1 != end || b[sep] != '-') {
            return false;
        } else {
            msg = end; // an empty message
        }
        event.timestampNanos(t != LogEvent.NO_TIME ? t : LocalTimes.today(nanosOfDay, options.zone()))
                .threadName(Scan.text(b, p + 2, threadEnd))
                .level(level)
                .logger(Scan.text(b, loggerStart, loggerEnd))
                .message(Scan.text(b, msg, end));
        return true;
    }
}
