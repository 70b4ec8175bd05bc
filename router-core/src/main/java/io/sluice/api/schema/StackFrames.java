package io.sluice.api.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Renders log4j2 JsonLayout's {@code thrown.extendedStackTrace} (an array of
 * {@code {"class","method","file","line"}} frames) as the text Java prints, so {@code error.stack_trace}
 * is searchable the same way whichever layout wrote it.
 */
final class StackFrames {
    private StackFrames() {}

    /** Reads the array the parser is at (its START_ARRAY is current) and returns one {@code \tat ...} line per frame. */
    static String render(JsonParser p) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String cls = null;
            String method = null;
            String file = null;
            String line = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                if (!v.isScalarValue()) {
                    p.skipChildren();
                    continue;
                }
                switch (k) {
                    case "class" -> cls = p.getText();
                    case "method" -> method = p.getText();
                    case "file" -> file = p.getText();
                    case "line" -> line = p.getText();
                    default -> { }
                }
            }
            sb.append("\tat ").append(cls).append('.').append(method).append('(');
            if (file == null) sb.append("Unknown Source");
            else sb.append(file).append(line == null || line.startsWith("-") ? "" : ":" + line);
            sb.append(")\n");
        }
        if (!sb.isEmpty()) sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /**
     * Sets {@code error.type} and {@code error.message} from a Java or .NET trace's first line
     * ({@code java.lang.IllegalStateException: boom}) when it starts with a dotted class name, or a
     * JavaScript one ({@code TypeError: boom}) when it starts with a name ending in Error or Exception.
     */
    static void headerInto(String stack, io.sluice.api.event.LogEvent e) {
        int nl = stack.indexOf('\n');
        String first = nl < 0 ? stack : stack.substring(0, nl);
        int colon = first.indexOf(": ");
        String type = (colon < 0 ? first : first.substring(0, colon)).strip();
        boolean named = type.indexOf('.') > 0 || type.endsWith("Error") || type.endsWith("Exception");
        if (!named || type.indexOf(' ') >= 0 || type.indexOf('\t') >= 0) return;
        e.errorType(type);
        if (colon >= 0) e.errorMessage(first.substring(colon + 2).strip());
    }

    /**
     * True for a Java or .NET stack trace as {@code printStackTrace} or {@code Exception.ToString} writes
     * it: a first line, then a line that is a frame ({@code at ...} after a tab or spaces).
     */
    static boolean isJavaStyleTrace(String text) {
        int nl = text.indexOf('\n');
        if (nl <= 0) return false;
        int p = nl + 1;
        while (p < text.length() && (text.charAt(p) == '\t' || text.charAt(p) == ' ')) p++;
        return p > nl + 1 && text.startsWith("at ", p);
    }

    /** {@code type: message} above the frames, as {@code Throwable.printStackTrace} writes it. */
    static String withHeader(String type, String message, String frames) {
        String head = type == null ? "" : message == null ? type : type + ": " + message;
        return head.isEmpty() ? frames : head + "\n" + frames;
    }
}
