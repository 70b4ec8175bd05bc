package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;

/**
 * .NET's console logger (Microsoft.Extensions.Logging, simple formatter):
 * {@code info: Namespace.Class[0]} then the message on the next line indented by six spaces, or on the
 * same line with {@code SingleLine}. The {@code .NET} multiline rule joins the indented lines, so
 * the two-line form arrives as one record. The number in brackets is the event id, kept as
 * {@code attributes.EventId} (the name .NET's JSON console formatter gives it).
 */
public final class DotnetConsole implements TextLayout {
    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        Level level = level(b, off, end);
        if (level == null) return false;
        int p = off + 6;
        int open = Scan.indexOf(b, p, end, (byte) '[');
        int lineEnd = Scan.indexOf(b, p, end, (byte) '\n');
        if (lineEnd < 0) lineEnd = end;
        if (open <= p || open > lineEnd || Scan.indexOf(b, p, open, (byte) ' ') >= 0) return false;
        int close = Scan.indexOf(b, open, lineEnd, (byte) ']');
        if (close < 0 || Scan.number(b, open + 1, close) < 0) return false;
        int msg;
        if (close + 1 < lineEnd) {
            msg = Scan.skipSpaces(b, close + 1, lineEnd); // SingleLine
        } else {
            msg = Scan.skipSpaces(b, Math.min(lineEnd + 1, end), end);
        }
        event.level(level).logger(Scan.text(b, p, open)).message(unindent(b, msg, end));
        event.attributesOrCreate().putString("EventId", Scan.text(b, open + 1, close)); // as its JSON formatter names it
        return true;
    }

    /** {@code info: } and the other five level prefixes. */
    static Level level(byte[] b, int off, int end) {
        if (end - off < 7 || b[off + 4] != ':' || b[off + 5] != ' ') return null;
        return switch (Scan.text(b, off, off + 4)) {
            case "trce" -> Level.TRACE;
            case "dbug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn" -> Level.WARN;
            case "fail" -> Level.ERROR;
            case "crit" -> Level.FATAL;
            default -> null;
        };
    }

    /** The message lines without the logger's six-space indent. */
    private static String unindent(byte[] b, int from, int end) {
        String s = Scan.text(b, from, end);
        return s.indexOf('\n') < 0 ? s : s.replace("\n      ", "\n");
    }
}
