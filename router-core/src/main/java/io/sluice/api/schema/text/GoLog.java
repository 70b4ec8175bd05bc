package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.TextRecordDecoder;

/**
 * Go's standard {@code log}: {@code 2026/12/02 12:26:44 msg}, with {@code Lmicroseconds}
 * ({@code 12:26:44.868123}) and {@code Lshortfile}/{@code Llongfile} ({@code main.go:42: msg}) when set.
 * Go's {@code log} has no levels; a level word starting the message ({@code [ERROR] ...}) is read.
 */
public final class GoLog implements TextLayout {
    private final DecodeOptions options;
    private final long[] time = new long[2];

    public GoLog(DecodeOptions options) {
        this.options = options;
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (!LocalTimes.slashed(b, off, end, options.zone(), time)) return false;
        int p = (int) time[1];
        if (p < end && b[p] != ' ') return false;
        event.timestampNanos(time[0]);
        p = Math.min(p + 1, end);
        int word = Scan.wordEnd(b, p, end);
        if (word - p > 4 && b[word - 1] == ':') {
            int colon = Scan.indexOf(b, p, word - 1, (byte) ':');
            long line = colon < 0 ? -1 : Scan.number(b, colon + 1, word - 1);
            if (line >= 0 && Scan.indexOf(b, p, colon, ".go") >= 0) {
                event.originFile(Scan.text(b, p, colon)).originLine(line);
                p = Math.min(word + 1, end);
            }
        }
        Level level = TextRecordDecoder.leadingLevel(b, p, end);
        if (level != null) event.level(level);
        event.message(Scan.text(b, p, end));
        return true;
    }
}
