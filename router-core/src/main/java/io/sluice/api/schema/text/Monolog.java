package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Levels;
import io.sluice.api.schema.Timestamps;

/**
 * PHP Monolog's {@code LineFormatter} (the default of its handlers, Laravel's and Symfony's logger),
 * {@code [%datetime%] %channel%.%level_name%: %message% %context% %extra%}:
 * {@code [2026-12-04T19:06:48.002496+00:00] app.ERROR: request failed {"path":"/orders"} []}. The time is
 * Monolog's default ({@code Y-m-d\TH:i:s.uP}) or another ISO form such as Laravel's {@code Y-m-d H:i:s}
 * (no offset: the input's zone); the channel is the logger's name. The rest is the message: the logged
 * text and the context and extra as Monolog rendered them (JSON whose end only a JSON reader finds), but
 * for the {@code [] []} Monolog writes when both are empty, which says nothing and is dropped.
 *
 * <p>An exception in the context ({@code ['exception' => $e]}) is rendered by Monolog as the string
 * {@code "[object] (Class(code: 504): message at /path/file.php:29)"}, followed, when the formatter
 * includes stack traces (Laravel's does), by {@code \n[stacktrace]\n#0 ...\n#3 {main}} on the lines after
 * (joined by a multiline rule). Its class and message are {@code error.type} and {@code error.message},
 * and {@code error.stack_trace} is the exception as PHP prints one ({@code Class: message in path:line},
 * {@code Stack trace:}, the frames), as for Monolog's JSON; the message keeps it too, as written.
 */
public final class Monolog implements TextLayout {
    private static final String EMPTY_CONTEXT_AND_EXTRA = " [] []";
    /** How Monolog's LineFormatter writes a Throwable under the context key Laravel and Symfony use. */
    private static final String EXCEPTION = "{\"exception\":\"[object] (";
    private static final String CODE = "(code: ";
    private static final String STACK_TRACE = "\n[stacktrace]\n";
    private final DecodeOptions options;
    private final long[] time = new long[2];

    public Monolog(DecodeOptions options) {
        this.options = options;
    }

    /** {@code [YYYY-}: the check {@code auto} makes before trying the layout. */
    static boolean starts(byte[] b, int off, int end) {
        return end - off > 6 && b[off] == '[' && Scan.digits(b, off + 1, 4, end) >= 0 && b[off + 5] == '-';
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (!starts(b, off, end) || !Timestamps.parsePrefix(b, off + 1, end - off - 1, options.zone(), time)) return false;
        int close = off + 1 + (int) time[1];
        if (close + 1 >= end || b[close] != ']' || b[close + 1] != ' ') return false;
        int channelStart = close + 2;
        int colon = Scan.indexOf(b, channelStart, Scan.lineEnd(b, channelStart, end), ": ");
        if (colon < 0 || Scan.wordEnd(b, channelStart, colon) != colon) return false;
        int dot = colon - 1;
        while (dot > channelStart && b[dot] != '.') dot--;
        if (dot <= channelStart) return false;
        Level level = Levels.fromWord(Scan.text(b, dot + 1, colon));
        if (level == null) return false;
        int msgEnd = end;
        if (endsWith(b, colon + 2, msgEnd, EMPTY_CONTEXT_AND_EXTRA)) msgEnd -= EMPTY_CONTEXT_AND_EXTRA.length();
        while (msgEnd > colon + 2 && b[msgEnd - 1] == ' ') msgEnd--; // Laravel's: empty context and extra left out
        event.timestampNanos(time[0]).level(level)
                .logger(Scan.text(b, channelStart, dot))
                .message(Scan.text(b, colon + 2, msgEnd));
        int exception = Scan.indexOf(b, colon + 2, msgEnd, EXCEPTION);
        if (exception >= 0) exceptionInto(b, exception + 13, msgEnd, event);
        return true;
    }

    /**
     * The exception string whose opening quote is at {@code open}: {@code [object] (Class(code: N): message
     * at path:line)} and maybe {@code \n[stacktrace]\n} and PHP's frames. Sets nothing when it reads otherwise.
     */
    private static void exceptionInto(byte[] b, int open, int end, LogEvent event) {
        String s = Scan.unquote(b, open + 1, Scan.closingQuote(b, open, end));
        int headerEnd = s.indexOf('\n');
        String header = headerEnd < 0 ? s : s.substring(0, headerEnd);
        int code = header.indexOf(CODE);
        int codeEnd = code < 0 ? -1 : header.indexOf("): ", code);
        int at = header.lastIndexOf(" at ");
        if (code <= 10 || codeEnd < 0 || at < codeEnd + 3 || !header.startsWith("[object] (") || !header.endsWith(")")) return;
        String type = header.substring(10, code);
        String message = header.substring(codeEnd + 3, at);
        StringBuilder trace = new StringBuilder(s.length()).append(type).append(": ").append(message)
                .append(" in ").append(header, at + 4, header.length() - 1);
        if (s.startsWith(STACK_TRACE, header.length())) {
            trace.append("\nStack trace:\n").append(s, header.length() + STACK_TRACE.length(), s.length());
        }
        event.errorType(type).errorMessage(message).errorStackTrace(trace.toString().stripTrailing());
    }

    private static boolean endsWith(byte[] b, int from, int end, String suffix) {
        return end - from >= suffix.length() && Scan.startsWith(b, end - suffix.length(), end, suffix);
    }
}
