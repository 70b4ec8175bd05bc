package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Levels;
import io.sluice.api.schema.Timestamps;

/**
 * Ruby's standard {@code Logger} with its default formatter (what Rails writes unless told otherwise),
 * {@code "%s, [%s #%d] %5s -- %s: %s\n"}: {@code E, [2026-12-04T19:06:57.654881 #20561] ERROR -- shop: request failed}.
 * The letter is the severity's first; the time has microseconds and no offset (the input's zone); then the
 * pid, the severity's name padded to five, the progname (the logger's name; empty when unset) and the
 * message. {@code unknown}'s severity, {@code A} / {@code ANY}, names no level: the event gets what a record
 * without one gets. A message's further lines (a backtrace) follow unmarked (joined by a multiline rule).
 */
public final class RubyLogger implements TextLayout {
    private final DecodeOptions options;
    private final long[] time = new long[2];

    public RubyLogger(DecodeOptions options) {
        this.options = options;
    }

    /** {@code X, [}: the check {@code auto} makes before trying the layout. */
    static boolean starts(byte[] b, int off, int end) {
        return end - off > 4 && b[off] >= 'A' && b[off] <= 'Z' && b[off + 1] == ',' && b[off + 2] == ' ' && b[off + 3] == '[';
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (!starts(b, off, end) || !Timestamps.parsePrefix(b, off + 4, end - off - 4, options.zone(), time)) return false;
        int p = off + 4 + (int) time[1];
        if (!Scan.startsWith(b, p, end, " #")) return false;
        int close = Scan.indexOf(b, p + 2, end, (byte) ']');
        long pid = close < 0 ? -1 : Scan.number(b, p + 2, close);
        if (pid < 0 || (b[p + 2] == '0' && close > p + 3)) return false; // %d writes no leading zero: the number would lose it
        int word = Scan.skipSpaces(b, close + 1, end);
        int wordEnd = Scan.wordEnd(b, word, end);
        if (word == close + 1 || wordEnd == word || b[word] != b[off] || !Scan.startsWith(b, wordEnd, end, " -- ")) return false;
        boolean any = wordEnd - word == 3 && Scan.startsWith(b, word, end, "ANY");
        Level level = any ? null : Levels.fromWord(Scan.text(b, word, wordEnd));
        if (level == null && !any) return false;
        int prognameStart = wordEnd + 4;
        int colon = Scan.indexOf(b, prognameStart, Scan.lineEnd(b, prognameStart, end), ": ");
        if (colon < 0) return false;
        if (level != null) event.level(level);
        if (colon > prognameStart) event.logger(Scan.text(b, prognameStart, colon));
        event.timestampNanos(time[0]).pid(pid).message(Scan.text(b, colon + 2, end));
        return true;
    }
}
