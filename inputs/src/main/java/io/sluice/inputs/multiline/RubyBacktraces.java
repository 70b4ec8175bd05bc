package io.sluice.inputs.multiline;

import io.sluice.api.event.LogEvent;

/**
 * A Ruby exception in a joined message, as Ruby's {@code Logger} formats an exception object
 * ({@code message (Class)}, then the backtrace) and as Rails' {@code DebugExceptions} logs one
 * ({@code Class (message):}, a line of spaces, then the backtrace): the exception line is the last
 * non-blank line before the first backtrace line ({@code path:42:in `method'}, or {@code from ...} as
 * {@code full_message} writes the callers). From the exception line on is {@code error.stack_trace};
 * the class and message are {@code error.type} and {@code error.message}; the message keeps the logged
 * text before the exception line, or the exception line when nothing came before it. Only read when no
 * Java, Python or Go trace is in the message.
 */
final class RubyBacktraces {
    private RubyBacktraces() {}

    static void recognise(String msg, LogEvent e) {
        int lineStart = msg.indexOf('\n') + 1;
        int exceptionLine = -1;
        int previousStart = 0;
        while (lineStart > 0 && lineStart < msg.length()) {
            int lineEnd = msg.indexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = msg.length();
            if (isFrame(msg, lineStart, lineEnd)) {
                exceptionLine = previousStart;
                break;
            }
            if (!msg.substring(lineStart, lineEnd).isBlank()) previousStart = lineStart;
            lineStart = lineEnd + 1;
        }
        if (exceptionLine < 0) return;
        int exceptionEnd = msg.indexOf('\n', exceptionLine);
        String line = msg.substring(exceptionLine, exceptionEnd).strip();
        String[] typeAndMessage = typeAndMessage(line);
        if (typeAndMessage == null) return;
        String before = msg.substring(0, exceptionLine).strip();
        e.errorStackTrace(msg.substring(exceptionLine).stripTrailing());
        e.message(before.isEmpty() ? line : before);
        e.errorType(typeAndMessage[0]);
        e.errorMessage(typeAndMessage[1]);
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
