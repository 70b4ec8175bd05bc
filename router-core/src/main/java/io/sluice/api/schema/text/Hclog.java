package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Timestamps;

/**
 * HashiCorp's hclog, its default text format: {@code 2026-12-04T19:05:57.886Z [INFO]  app/main.go:42: checkout: user
 * signed in: user=u1 attempt=2}. The time ({@code 2006-01-02T15:04:05.000Z0700}), the level in brackets
 * ({@code [TRACE]}, {@code [DEBUG]}, {@code [INFO] }, {@code [WARN] }, {@code [ERROR]}), the caller with
 * {@code IncludeLocation}, the logger's name when it has one, the message, and after {@code : } the
 * key=value pairs (quoted when they hold a space), read as logfmt.
 */
public final class Hclog implements TextLayout {
    private final DecodeOptions options;
    private final Logfmt pairs;
    private final long[] time = new long[2];

    public Hclog(DecodeOptions options) {
        this.options = options;
        this.pairs = new Logfmt(options);
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (!Timestamps.parsePrefix(b, off, end - off, options.zone(), time)) return false;
        int p = off + (int) time[1];
        if (!Scan.startsWith(b, p, end, " [")) return false;
        int close = Scan.indexOf(b, p + 2, Math.min(end, p + 8), (byte) ']');
        Level level = close < 0 ? null : level(b, p + 2, close);
        if (level == null || close + 1 >= end || b[close + 1] != ' ') return false;
        p = Scan.skipSpaces(b, close + 1, end);
        int nl = Scan.indexOf(b, p, end, (byte) '\n');
        int lineEnd = nl < 0 ? end : nl;
        event.timestampNanos(time[0]).level(level);
        // file.go:42: (IncludeLocation), then name: (a named logger), each a word without spaces
        int colon = colonSpace(b, p, lineEnd);
        if (colon > 0 && Scan.isFileLine(b, p, colon)) {
            int c = Scan.lastIndexOf(b, p, colon, (byte) ':');
            event.originFile(Scan.text(b, p, c)).originLine(Scan.number(b, c + 1, colon));
            p = colon + 2;
            colon = colonSpace(b, p, lineEnd);
        }
        if (colon > 0) {
            event.logger(Scan.text(b, p, colon));
            p = colon + 2;
        }
        // the message, then ": " and the key=value pairs that end the line (the message may hold a key= word itself)
        int fields = Logfmt.trailingPairs(b, p, end);
        if (fields < p + 2 || b[fields - 2] != ':' || b[fields - 1] != ' ') {
            event.message(Scan.text(b, p, end));
        } else {
            event.message(Scan.text(b, p, fields - 2));
            pairs.pairs(b, off, fields, end, event, true);
        }
        return true;
    }

    private static Level level(byte[] b, int from, int to) {
        return switch (Scan.text(b, from, to)) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "INFO" -> Level.INFO;
            case "WARN" -> Level.WARN;
            case "ERROR" -> Level.ERROR;
            default -> null;
        };
    }

    /** The next {@code ": "} ending a word without spaces at {@code p}, or -1. */
    private static int colonSpace(byte[] b, int p, int end) {
        for (int i = p; i + 1 < end; i++) {
            if (b[i] == ' ') return -1;
            if (b[i] == ':' && b[i + 1] == ' ') return i > p ? i : -1;
        }
        return -1;
    }
}
