package io.sluice.api.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Renders log4j2 JsonLayout's {@code thrown.extendedStackTrace} (an array of
 * {@code {"class","method","file","line"}} frames) as the text Java prints, structlog's
 * {@code dict_tracebacks} as the text Python prints and PHP Monolog's normalized exception as PHP prints
 * one, so {@code error.stack_trace} is searchable the same way whichever layout wrote it.
 */
final class StackFrames {
    private static final String[] JAVA_FRAME = {"class", "method", "file", "line"};
    private static final String[] PYTHON_FRAME = {"filename", "lineno", "name", "line"};
    private static final String[] GO_FRAME = {"func", "line", "source"};

    private StackFrames() {}

    /** Reads the array the parser is at (its START_ARRAY is current) and returns one {@code \tat ...} line per frame. */
    static String render(JsonParser p) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        frames(p, JAVA_FRAME, f -> {
            sb.append("\tat ").append(f[0]).append('.').append(f[1]).append('(');
            if (f[2] == null) sb.append("Unknown Source");
            else sb.append(f[2]).append(f[3] == null || f[3].startsWith("-") ? "" : ":" + f[3]);
            sb.append(")\n");
        });
        if (!sb.isEmpty()) sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /**
     * Reads zerolog's {@code Stack()} frames (the array the parser is at: {@code {"func","line","source"}}
     * each, as pkgerrors' {@code MarshalStack} writes them) and returns them as Go prints a trace: the
     * function, then its file and line after a tab.
     */
    static String renderGo(JsonParser p) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        frames(p, GO_FRAME, f -> sb.append(f[0] == null ? "?" : f[0]).append("\n\t").append(f[2] == null ? "?" : f[2])
                .append(f[1] == null ? "" : ":" + f[1]).append('\n'));
        if (!sb.isEmpty()) sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** Reads the array of frame objects the parser is at and hands each frame's scalar values of {@code keys} (null when absent) on. */
    private static void frames(JsonParser p, String[] keys, java.util.function.Consumer<String[]> frame) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String[] values = new String[keys.length];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                if (!p.nextToken().isScalarValue()) {
                    p.skipChildren();
                    continue;
                }
                for (int i = 0; i < keys.length; i++) {
                    if (keys[i].equals(k)) values[i] = p.getText();
                }
            }
            frame.accept(values);
        }
    }

    /**
     * Reads structlog's {@code dict_tracebacks} (the array the parser is at: one
     * {@code {"exc_type", "exc_value", "is_cause", "frames": [{"filename", "lineno", "name", "line"}]}} per
     * exception, the one caught first, then its cause or context) and renders it as Python's traceback
     * module prints the chain, the oldest exception first; {@code caught} gets the caught exception's
     * type and value. Null when the array holds no exception.
     */
    static String renderPython(JsonParser p, String[] caught) throws IOException {
        java.util.List<String> traces = new java.util.ArrayList<>(2);
        java.util.List<Boolean> causes = new java.util.ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String type = "";
            String value = "";
            boolean cause = false;
            StringBuilder frames = new StringBuilder(256);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                switch (k) {
                    case "exc_type" -> type = v.isScalarValue() ? p.getText() : skip(p);
                    case "exc_value" -> value = v.isScalarValue() ? p.getText() : skip(p);
                    case "is_cause" -> cause = v == JsonToken.VALUE_TRUE;
                    case "frames" -> {
                        if (v == JsonToken.START_ARRAY) pythonFrames(p, frames);
                        else p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (traces.isEmpty()) {
                caught[0] = type;
                caught[1] = value;
            }
            traces.add(ExceptionLines.PYTHON_HEADER + "\n" + frames + (value.isEmpty() ? type : type + ": " + value));
            causes.add(cause);
        }
        if (traces.isEmpty()) return null;
        StringBuilder sb = new StringBuilder(traces.get(traces.size() - 1));
        for (int i = traces.size() - 2; i >= 0; i--) {
            sb.append(causes.get(i + 1) ? "\n\nThe above exception was the direct cause of the following exception:\n\n"
                    : "\n\nDuring handling of the above exception, another exception occurred:\n\n");
            sb.append(traces.get(i));
        }
        return sb.toString();
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return "";
    }

    /** {@code   File "f.py", line 3, in name} (and the source line under it when given) per frame. */
    private static void pythonFrames(JsonParser p, StringBuilder sb) throws IOException {
        frames(p, PYTHON_FRAME, f -> {
            sb.append("  File \"").append(f[0] == null ? "?" : f[0]).append("\", line ").append(f[1] == null ? "?" : f[1])
                    .append(", in ").append(f[2] == null ? "?" : f[2]).append('\n');
            if (f[3] != null && !f[3].isBlank()) sb.append("    ").append(f[3].strip()).append('\n');
        });
    }

    /**
     * Sets {@code error.type} and {@code error.message} from a Java or .NET trace's first line
     * ({@code java.lang.IllegalStateException: boom}) when it starts with a dotted class name, or a
     * JavaScript one ({@code TypeError: boom}) when it starts with a name ending in Error or Exception;
     * from a Python traceback's exception line, its last ({@code ZeroDivisionError: division by zero}).
     */
    static void headerInto(String stack, io.sluice.api.event.LogEvent e) {
        if (stack.startsWith(ExceptionLines.PYTHON_HEADER) || stack.stripLeading().startsWith(ExceptionLines.PYTHON_GROUP_HEADER)) {
            ExceptionLines.into(ExceptionLines.python(stack), e);
            return;
        }
        int nl = stack.indexOf('\n');
        if (isGoFrames(stack, nl)) return;
        String first = nl < 0 ? stack : stack.substring(0, nl);
        int colon = first.indexOf(": ");
        String type = (colon < 0 ? first : first.substring(0, colon)).strip();
        boolean named = type.indexOf('.') > 0 || type.endsWith("Error") || type.endsWith("Exception");
        if (!named || type.indexOf(' ') >= 0 || type.indexOf('\t') >= 0) return;
        e.errorType(type);
        if (colon >= 0) e.errorMessage(first.substring(colon + 2).strip());
    }

    /**
     * A Go stack trace (zap's {@code stacktrace}, {@code debug.Stack()}): its first line is a function
     * ({@code main.handler}), the next its file, after a tab ({@code \t/src/app/main.go:42}, or a module
     * path when built with {@code -trimpath}); it names no error type. A Java frame after a tab starts with
     * {@code at }.
     */
    private static boolean isGoFrames(String stack, int nl) {
        return nl > 0 && stack.startsWith("\t", nl + 1) && !stack.startsWith("\tat ", nl + 1);
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
    /**
     * Reads PHP Monolog's normalized exception {@code trace} (the array the parser is at: a
     * {@code "path:line"} string per frame, the innermost first) and returns a {@code #i path:line} line
     * per frame, numbered as PHP numbers its own trace. Monolog keeps no function names, so none are made up.
     */
    static String renderPhp(JsonParser p) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                p.skipChildren();
                continue;
            }
            if (i > 0) sb.append('\n');
            sb.append('#').append(i++).append(' ').append(p.getText());
        }
        return sb.toString();
    }

    /**
     * A PHP exception as PHP prints it ({@code (string) $e}): {@code Type: message in path:line}, then
     * {@code Stack trace:} and the frames when there are any, from Monolog's normalized
     * {@code class}, {@code message}, {@code file} and {@code trace} ({@link #renderPhp}).
     */
    static String php(String type, String message, String file, String frames) {
        StringBuilder sb = new StringBuilder(128);
        if (type != null) sb.append(type);
        if (message != null) sb.append(type == null ? "" : ": ").append(message);
        if (file != null) sb.append(sb.isEmpty() ? "" : " ").append("in ").append(file);
        if (frames != null && !frames.isEmpty()) sb.append(sb.isEmpty() ? "" : "\n").append("Stack trace:\n").append(frames);
        return sb.toString();
    }

    static String withHeader(String type, String message, String frames) {
        String head = type == null ? "" : message == null ? type : type + ": " + message;
        return head.isEmpty() ? frames : head + "\n" + frames;
    }
}
