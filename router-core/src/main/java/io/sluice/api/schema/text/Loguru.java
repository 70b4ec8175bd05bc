package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Levels;
import io.sluice.api.schema.Timestamps;

/**
 * loguru's default sink format, {@code {time:YYYY-MM-DD HH:mm:ss.SSS} | {level: <8} | {name}:{function}:{line} - {message}}:
 * {@code 2026-12-04 17:05:41.896 | INFO     | __main__:<module>:6 - user signed in}. The time has no
 * offset (the input's zone applies); the level is padded to eight; {@code name} is the module's
 * {@code __name__}, which loguru uses as the logger's name. A logged exception's traceback follows on
 * the next lines (joined by the {@code python} multiline rule).
 */
public final class Loguru implements TextLayout {
    private final DecodeOptions options;
    private final long[] time = new long[2];

    public Loguru(DecodeOptions options) {
        this.options = options;
    }

    /** The separator after loguru's 23-byte time: the one check {@code auto} makes before trying the layout. */
    static boolean starts(byte[] b, int off, int end) {
        return Scan.startsWith(b, off + 23, end, " | ");
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (!starts(b, off, end) || !Timestamps.parsePrefix(b, off, end - off, options.zone(), time)) return false;
        int levelStart = off + (int) time[1] + 3;
        if (levelStart != off + 26) return false;
        int levelBar = Scan.indexOf(b, levelStart, end, " | ");
        if (levelBar < 0) return false;
        Level level = Levels.fromWord(Scan.text(b, levelStart, levelBar).strip());
        if (level == null) return false;
        int originStart = levelBar + 3;
        int dash = Scan.indexOf(b, originStart, Scan.lineEnd(b, originStart, end), " - ");
        if (dash < 0) return false;
        // name:function:line: the module name and the function hold no colon
        int lineColon = Scan.lastIndexOf(b, originStart, dash, (byte) ':');
        int functionColon = lineColon < 0 ? -1 : Scan.lastIndexOf(b, originStart, lineColon, (byte) ':');
        long line = lineColon < 0 ? -1 : Scan.number(b, lineColon + 1, dash);
        if (functionColon <= originStart || line < 0) return false;
        event.timestampNanos(time[0]).level(level)
                .logger(Scan.text(b, originStart, functionColon))
                .originFunction(Scan.text(b, functionColon + 1, lineColon))
                .originLine(line)
                .message(Scan.text(b, dash + 3, end));
        return true;
    }
}
