package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;

/**
 * klog, the header every Kubernetes component writes: {@code Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg}
 * (L is I, W, E or F). A structured message ({@code "msg" key="v"}, klog's {@code InfoS}) is unquoted
 * and its pairs are read as logfmt.
 */
public final class Klog implements TextLayout {
    private final DecodeOptions options;
    private final Logfmt pairs;
    private final long[] time = new long[2];

    public Klog(DecodeOptions options) {
        this.options = options;
        this.pairs = new Logfmt(options);
    }

    /** The first byte is a klog severity letter followed by four digits: cheap enough for {@code auto}. */
    static boolean starts(byte[] b, int off, int end) {
        return end - off > 22 && level(b[off]) != null && Scan.digits(b, off + 1, 4, end) >= 0 && b[off + 5] == ' ';
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (!starts(b, off, end)) return false;
        Level level = level(b[off]);
        int month = Scan.digits(b, off + 1, 2, end);
        int day = Scan.digits(b, off + 3, 2, end);
        if (!LocalTimes.timeOfDay(b, off + 6, end, time)) return false;
        long nanosOfDay = time[0];
        int p = Scan.skipSpaces(b, (int) time[1], end);
        int pidEnd = Scan.wordEnd(b, p, end);
        long pid = Scan.number(b, p, pidEnd);
        if (pid < 0) return false;
        p = Scan.skipSpaces(b, pidEnd, end);
        int close = Scan.indexOf(b, p, end, (byte) ']');
        if (close < 0) return false;
        int colon = lastColon(b, p, close);
        long line = colon < 0 ? -1 : Scan.number(b, colon + 1, close);
        if (line < 0) return false;
        long t = LocalTimes.thisYear(month, day, nanosOfDay, options.zone());
        if (t == LogEvent.NO_TIME) return false;
        event.level(level).timestampNanos(t).pid(pid).originFile(Scan.text(b, p, colon)).originLine(line);
        int msg = close + 1 < end && b[close + 1] == ' ' ? close + 2 : close + 1;
        if (msg < end && b[msg] == '"' && structured(b, off, msg, end, event)) return true;
        event.message(Scan.text(b, msg, end));
        return true;
    }

    /** {@code "msg" key="v" ...}: the quoted message, then logfmt pairs; false when the quote does not close. */
    private boolean structured(byte[] b, int line, int p, int end, LogEvent event) {
        int q = Scan.closingQuote(b, p, end);
        if (q >= end) return false;
        event.message(Scan.unquote(b, p + 1, q));
        pairs.pairs(b, line, q + 1, end, event, true);
        return true;
    }

    private static int lastColon(byte[] b, int from, int to) {
        for (int i = to - 1; i > from; i--) {
            if (b[i] == ':') return i;
        }
        return -1;
    }

    private static Level level(byte c) {
        return switch (c) {
            case 'I' -> Level.INFO;
            case 'W' -> Level.WARN;
            case 'E' -> Level.ERROR;
            case 'F' -> Level.FATAL;
            default -> null;
        };
    }
}
