package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Timestamps;

/**
 * zerolog's {@code ConsoleWriter} ({@code NoColor}, or colors stripped): {@code 7:04PM INF app/main.go:96 > user signed
 * in attempt=2 user=u1}. The time is Go's {@code time.Kitchen} by default (to the minute, no date: the
 * date is the clock's, in the input's zone), or an ISO time when {@code TimeFormat} is set to one; the level
 * in three capitals ({@code TRC DBG INF WRN ERR FTL PNC}); the caller, when enabled, before {@code  > };
 * the message; then the fields as logfmt ({@code error=...} → {@code error.message}, the rest
 * {@code attributes}), which zerolog writes after the message's last word.
 */
public final class ZerologConsole implements TextLayout {
    private final DecodeOptions options;
    private final Logfmt pairs;
    private final long[] time = new long[2];

    public ZerologConsole(DecodeOptions options) {
        this.options = options;
        this.pairs = new Logfmt(options);
    }

    /** {@code 7:04PM } or {@code 12:04AM }: the check {@code auto} makes on a line starting {@code d:} or {@code dd:}. */
    static boolean starts(byte[] b, int off, int end) {
        int colon = b[off + 1] == ':' ? off + 1 : off + 2;
        return colon + 6 < end && b[colon + 4] == 'M' && b[colon + 5] == ' ' && (b[colon + 3] == 'A' || b[colon + 3] == 'P');
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        long t;
        if (LocalTimes.kitchen(b, off, end, time)) {
            t = LocalTimes.today(time[0], options.zone());
            time[1] = time[1] - off;
        } else if (Timestamps.parsePrefix(b, off, end - off, options.zone(), time)) {
            t = time[0];
        } else {
            return false;
        }
        int p = off + (int) time[1];
        if (p + 5 > end || b[p] != ' ' || b[p + 4] != ' ') return false;
        Level level = level(b, p + 1);
        if (level == null) return false;
        p += 5;
        int nl = Scan.indexOf(b, p, end, (byte) '\n');
        int lineEnd = nl < 0 ? end : nl;
        // the caller: a file:line word before " > "
        int word = Scan.wordEnd(b, p, lineEnd);
        int callerEnd = -1;
        if (Scan.startsWith(b, word, lineEnd, " > ") && Scan.isFileLine(b, p, word)) {
            callerEnd = word;
        }
        event.timestampNanos(t).level(level);
        if (callerEnd > 0) {
            int c = Scan.lastIndexOf(b, p, callerEnd, (byte) ':');
            event.originFile(Scan.text(b, p, c)).originLine(Scan.number(b, c + 1, callerEnd));
            p = callerEnd + 3;
        }
        // the fields: the key=value pairs that end the line (the message may hold a key= word itself)
        int fields = Logfmt.trailingPairs(b, p, end);
        if (fields < 0) {
            event.message(Scan.text(b, p, end));
        } else {
            int m = fields;
            while (m > p && b[m - 1] == ' ') m--;
            event.message(Scan.text(b, p, m));
            pairs.pairs(b, off, fields, end, event, true);
        }
        return true;
    }

    private static Level level(byte[] b, int p) {
        return switch (Scan.text(b, p, p + 3)) {
            case "TRC" -> Level.TRACE;
            case "DBG" -> Level.DEBUG;
            case "INF" -> Level.INFO;
            case "WRN" -> Level.WARN;
            case "ERR" -> Level.ERROR;
            case "FTL", "PNC" -> Level.FATAL;
            default -> null;
        };
    }
}
