package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.Levels;
import io.sluice.api.schema.Timestamps;

/**
 * zap's console encoder, as its development logger writes it: tab-separated
 * {@code 2026-12-04T19:06:36.470Z	INFO	checkout	app/main.go:79	user signed in	{"user": "u1"}}: ISO time
 * (zap's {@code ISO8601TimeEncoder}, {@code +0100} offsets), the level in capitals ({@code DPANIC} too), the
 * logger's name when it has one, the caller ({@code dir/file.go:line}) when enabled, the message, and the
 * fields as a JSON object (read with the JSON table: {@code error} gives {@code error.message}, the rest
 * {@code attributes}). From warn on the development logger writes a stack trace on the lines under it,
 * a function then its file after a tab per frame (joined by the {@code go} multiline rule): that is the
 * event's {@code error.stack_trace}.
 */
public final class ZapConsole implements TextLayout {
    private final DecodeOptions options;
    private final JsonRecordDecoder fields;
    private final long[] time = new long[2];

    public ZapConsole(DecodeOptions options) {
        this.options = options;
        this.fields = new JsonRecordDecoder(options, true);
    }

    /** A tab right after an ISO time of 20 to 35 bytes: the check {@code auto} makes before trying the layout. */
    static boolean starts(byte[] b, int off, int end) {
        int tab = Scan.indexOf(b, off + 19, Math.min(end, off + 36), (byte) '\t');
        return tab > 0;
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (!Timestamps.parsePrefix(b, off, end - off, options.zone(), time)) return false;
        int p = off + (int) time[1];
        if (p >= end || b[p] != '\t') return false;
        int nl = Scan.indexOf(b, p, end, (byte) '\n');
        int lineEnd = nl < 0 ? end : nl;
        int levelEnd = Scan.indexOf(b, p + 1, lineEnd, (byte) '\t');
        if (levelEnd < 0) return false;
        Level level = Levels.fromWord(Scan.text(b, p + 1, levelEnd));
        if (level == null) return false;
        // the fields object, when the line ends with one after a tab
        int fieldsStart = -1;
        if (b[lineEnd - 1] == '}') {
            int tab = Scan.lastIndexOf(b, levelEnd + 1, lineEnd, (byte) '\t');
            if (tab > levelEnd && b[tab + 1] == '{') fieldsStart = tab + 1;
        }
        int textEnd = fieldsStart < 0 ? lineEnd : fieldsStart - 1;
        // logger and caller before the message: the caller is file:line; a logger only comes before one
        // or, without a caller, before the message
        int first = levelEnd + 1;
        int tab1 = Scan.indexOf(b, first, textEnd, (byte) '\t');
        int tab2 = tab1 < 0 ? -1 : Scan.indexOf(b, tab1 + 1, textEnd, (byte) '\t');
        String logger = null;
        int callerStart = -1, callerEnd = -1, message = first;
        if (tab1 > 0 && Scan.isFileLine(b, first, tab1)) {
            callerStart = first;
            callerEnd = tab1;
            message = tab1 + 1;
        } else if (tab2 > 0 && Scan.isFileLine(b, tab1 + 1, tab2)) {
            logger = Scan.text(b, first, tab1);
            callerStart = tab1 + 1;
            callerEnd = tab2;
            message = tab2 + 1;
        } else if (tab1 > 0) {
            logger = Scan.text(b, first, tab1);
            message = tab1 + 1;
        }
        if (fieldsStart >= 0) {
            fields.decode(b, fieldsStart, lineEnd - fieldsStart, event);
            // not JSON after all: the decoder tagged it parse_failed; the line is kept whole
            if (event.hasTag(Tags.PARSE_FAILED)) event.original(Scan.text(b, off, end));
        }
        event.timestampNanos(time[0]).level(level).message(Scan.text(b, message, textEnd));
        if (logger != null) event.logger(logger);
        if (callerStart >= 0) {
            int colon = Scan.lastIndexOf(b, callerStart, callerEnd, (byte) ':');
            event.originFile(Scan.text(b, callerStart, colon)).originLine(Scan.number(b, colon + 1, callerEnd));
        }
        if (nl > 0) {
            String below = Scan.text(b, nl + 1, end);
            if (below.indexOf("\n\t") > 0) event.errorStackTrace(below);
            else event.message(event.message() + "\n" + below);
        }
        return true;
    }
}
