package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Levels;
import io.sluice.api.schema.Timestamps;

/**
 * Spring Boot's default console layout: {@code 2026-12-02T12:26:44.868Z  INFO 1234 --- [main] c.a.Pricing : msg},
 * with the application name bracket of Spring Boot 3.2+ ({@code --- [myapp] [main] ...}) when present
 * (it is the service: {@code service.name}).
 * The thread is padded inside its brackets and the logger after its name; both are trimmed.
 */
public final class SpringBoot implements TextLayout {
    private final DecodeOptions options;
    private final long[] time = new long[2];

    public SpringBoot(DecodeOptions options) {
        this.options = options;
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (end - off < 19 || !Timestamps.parsePrefix(b, off, end - off, options.zone(), time)) return false;
        int p = off + (int) time[1];
        int levelStart = Scan.skipSpaces(b, p, end);
        if (levelStart == p) return false;
        int levelEnd = Scan.wordEnd(b, levelStart, end);
        Level level = Levels.fromTextWord(Scan.text(b, levelStart, levelEnd));
        if (level == null) return false;
        int pidStart = Scan.skipSpaces(b, levelEnd, end);
        int pidEnd = Scan.wordEnd(b, pidStart, end);
        long pid = Scan.number(b, pidStart, pidEnd);
        if (pid < 0 || !Scan.startsWith(b, pidEnd, end, " --- [")) return false;
        int open = pidEnd + 5;
        int close = Scan.indexOf(b, open, end, (byte) ']');
        if (close < 0) return false;
        String application = null;
        if (Scan.startsWith(b, close, end, "] [")) { // [application name] [thread]
            application = Scan.text(b, open + 1, close);
            open = close + 2;
            close = Scan.indexOf(b, open, end, (byte) ']');
            if (close < 0) return false;
        }
        int loggerStart = Scan.skipSpaces(b, close + 1, end);
        int loggerEnd = Scan.wordEnd(b, loggerStart, end);
        int colon = Scan.skipSpaces(b, loggerEnd, end);
        if (loggerEnd == loggerStart || colon >= end || b[colon] != ':') return false;
        int msg = colon + 1 < end && b[colon + 1] == ' ' ? colon + 2 : colon + 1; // Spring writes " : "; keep a byte that is not its space
        event.timestampNanos(time[0]).level(level).pid(pid)
                .threadName(Scan.text(b, Scan.skipSpaces(b, open + 1, close), close))
                .logger(Scan.text(b, loggerStart, loggerEnd))
                .message(Scan.text(b, msg, end));
        if (application != null && !application.isEmpty()) event.serviceName(application);
        return true;
    }
}
