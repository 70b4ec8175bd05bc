package io.sluice.api.schema;

import io.sluice.api.event.LogEvent;

/**
 * The line of a stack trace that names the exception, {@code Type: message}, and the error fields it
 * gives. Python's traceback module writes it last (after the frames); an exception group (3.11+) has its
 * own line after the group's header. Shared by the JSON decoder (a traceback a library put in a string
 * field: structlog's {@code exception}, python-json-logger's {@code exc_info}) and the multiline joiner.
 */
public final class ExceptionLines {
    /** The first line of a Python traceback. */
    public static final String PYTHON_HEADER = "Traceback (most recent call last):";
    /** The header of an exception group's traceback, after its indentation. */
    public static final String PYTHON_GROUP_HEADER = "+ Exception Group Traceback (most recent call last):";

    private ExceptionLines() {}

    /** A Python traceback's exception line: its last line, or the last exception group's own line; null when it has none. */
    public static String python(String trace) {
        int group = trace.lastIndexOf(PYTHON_GROUP_HEADER);
        String t = trace.stripTrailing();
        int nl = t.lastIndexOf('\n');
        if (nl < 0) return null;
        String last = t.substring(nl + 1);
        return last.strip().startsWith("+") && group >= 0 ? groupLine(trace, group) : last;
    }

    /**
     * In an exception group, after its header: the first line {@code   | Type: message} (frames are
     * indented further after the bar, {@code   |   File ...}).
     */
    private static String groupLine(String trace, int header) {
        for (String line : trace.substring(header).split("\n")) {
            String s = line.stripLeading();
            if (s.startsWith("| ") && s.length() > 2 && s.charAt(2) != ' ') return s.substring(2);
        }
        return null;
    }

    /** Sets {@code error.type} and {@code error.message}, those not set yet, from a {@code Type: message} line. */
    public static void into(String exceptionLine, LogEvent e) {
        int colon = exceptionLine == null ? -1 : exceptionLine.indexOf(": ");
        if (colon > 0 && isTypeName(exceptionLine.substring(0, colon))) {
            if (e.errorType() == null) e.errorType(exceptionLine.substring(0, colon));
            if (e.errorMessage() == null) e.errorMessage(exceptionLine.substring(colon + 2));
        }
    }

    private static boolean isTypeName(String s) {
        if (s.isEmpty() || s.length() > 200) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && c != '$') return false;
        }
        return Character.isLetter(s.charAt(0)) || s.charAt(0) == '_';
    }
}
