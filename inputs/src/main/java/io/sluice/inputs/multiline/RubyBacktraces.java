package io.sluice.inputs.multiline;

import io.sluice.api.event.LogEvent;

/**
 * A Ruby exception in a joined message, as Ruby's {@code Logger} formats an exception object
 * ({@code message (Class)}, then the backtrace) and as Rails' {@code DebugExceptions} logs one
 * ({@code Class (message):}, a line of spaces, then the backtrace): the exception line is the last
 * non-blank line before the first backtrace line ({@code path:42:in `method'}, or {@code from ...} as
 * {@code full_message} writes the callers). Rails' {@code TaggedLogging} writes the message's tags
 * ({@code [request-id] }) in front of every line: they are the tags the first line starts with, and are
 * left out of the trace. From the exception line on is {@code error.stack_trace}; the class and message
 * are {@code error.type} and {@code error.message}; the message keeps the logged text before the
 * exception line, or the exception line (with its tags) when nothing but tags came before it. Only read
 * when no Java, Python or Go trace is in the message.
 */
final class RubyBacktraces {
    private RubyBacktraces() {}

    static void recognise(String msg, LogEvent e) {
        String tags = tags(msg);
        int exceptionLine = -1;
        int previous = msg.substring(tags.length(), lineEnd(msg, 0)).isBlank() ? -1 : 0;
        for (int start = msg.indexOf('\n') + 1; start > 0 && start < msg.length(); ) {
            int end = lineEnd(msg, start);
            int content = msg.startsWith(tags, start) ? start + tags.length() : start;
            if (isFrame(msg, content, end)) {
                exceptionLine = previous;
                break;
            }
            if (!msg.substring(content, end).isBlank()) previous = start;
            start = end + 1;
        }
        if (exceptionLine < 0) return;
        String line = msg.substring(exceptionLine, lineEnd(msg, exceptionLine)).strip();
        String[] typeAndMessage = typeAndMessage(line.startsWith(tags.strip()) ? line.substring(tags.strip().length()).strip() : line);
        if (typeAndMessage == null) return;
        StringBuilder trace = new StringBuilder(msg.length() - exceptionLine);
        for (int start = exceptionLine; start < msg.length(); ) {
            int end = lineEnd(msg, start);
            if (!trace.isEmpty()) trace.append('\n');
            trace.append(msg, msg.startsWith(tags, start) ? start + tags.length() : start, end);
            start = end + 1;
        }
        String before = msg.substring(0, exceptionLine).strip();
        e.errorStackTrace(trace.toString().stripTrailing());
        e.message(before.isEmpty() || before.equals(tags.strip()) ? line : before);
        e.errorType(typeAndMessage[0]);
        e.errorMessage(typeAndMessage[1]);
    }

    private static int lineEnd(String s, int from) {
        int nl = s.indexOf('\n', from);
        return nl < 0 ? s.length() : nl;
    }

    /** The {@code [tag] [tag] } Rails' TaggedLogging wrote in front of the message; empty when none. */
    static String tags(String msg) {
        int p = 0;
        while (p < msg.length() && msg.charAt(p) == '[') {
            int close = msg.indexOf("] ", p);
            int nl = msg.indexOf('\n', p);
            if (close < 0 || (nl >= 0 && nl < close)) break;
            p = close + 2;
        }
        return msg.substring(0, p);
    }

    /** {@code path:42:in ...}, maybe indented and after {@code from }: a backtrace line. */
    static boolean isFrame(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) from++;
        if (s.startsWith("from ", from)) from += 5;
        int in = s.indexOf(":in ", from);
        if (in < 0 || in >= to) return false;
        int digits = in;
        while (digits > from && Character.isDigit(s.charAt(digits - 1))) digits--;
        return digits < in && digits - 1 > from && s.charAt(digits - 1) == ':';
    }

    /** {@code Class (message):} (Rails) or {@code message (Class)} (Logger): the class and the message; null when neither. */
    static String[] typeAndMessage(String line) {
        int open = line.indexOf(" (");
        if (line.endsWith("):") && open > 0 && isClassName(line.substring(0, open))) {
            return new String[] {line.substring(0, open), line.substring(open + 2, line.length() - 2)};
        }
        open = line.lastIndexOf(" (");
        if (line.endsWith(")") && open >= 0 && isClassName(line.substring(open + 2, line.length() - 1))) {
            return new String[] {line.substring(open + 2, line.length() - 1), line.substring(0, open)};
        }
        return null;
    }

    /** A Ruby constant path: {@code ArgumentError}, {@code ActiveRecord::RecordNotFound}. */
    private static boolean isClassName(String s) {
        if (s.isEmpty() || s.length() > 200 || !Character.isUpperCase(s.charAt(0))) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != ':') return false;
        }
        return true;
    }
}
