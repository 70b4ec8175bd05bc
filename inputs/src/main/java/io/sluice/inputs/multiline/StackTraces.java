package io.sluice.inputs.multiline;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.ExceptionLines;

/**
 * Recognises a stack trace in a joined multiline message and moves it to {@code error.stack_trace}:
 * the message keeps the logged text before the trace (or the trace's first line when nothing came
 * before it), and {@code error.type} / {@code error.message} come from the exception line when it
 * reads {@code Type: message}.
 */
public final class StackTraces {
    private StackTraces() {}

    /** With multiline on, a joined stack trace is moved to {@code error.stack_trace} after decoding. */
    public static RecordDecoder.Factory after(RecordDecoder.Factory decoders) {
        return afterWhen(() -> true, decoders);
    }

    /**
     * The same once {@code joined} says records were joined: for a source opened before joining was
     * known to be on (a Kubernetes pod's {@code sluice.io/multiline} annotation arrives later).
     */
    public static RecordDecoder.Factory afterWhen(java.util.function.BooleanSupplier joined, RecordDecoder.Factory decoders) {
        return () -> {
            RecordDecoder d = decoders.create();
            return new RecordDecoder() {
                @Override
                public void decode(byte[] b, int off, int len, LogEvent event) {
                    d.decode(b, off, len, event);
                    if (joined.getAsBoolean()) recognise(event);
                }

                /** The wrapped decoder may count per record (syslog does): its counts go out with the batch. */
                @Override
                public void batchDone() {
                    d.batchDone();
                }
            };
        };
    }

    static void recognise(LogEvent e) {
        String msg = e.message();
        if (msg == null || e.errorStackTrace() != null || msg.indexOf('\n') < 0) return;
        int start = traceStart(msg);
        if (start < 0) {
            RubyBacktraces.recognise(msg, e);
            return;
        }
        int end = msg.length();
        // a blank line the Python rule held for a chained trace that did not come
        while (end > start && (msg.charAt(end - 1) == '\n' || msg.charAt(end - 1) == '\r')) end--;
        String trace = msg.substring(start, end);
        String before = msg.substring(0, start).strip();
        int nl = trace.indexOf('\n');
        String firstLine = nl < 0 ? trace : trace.substring(0, nl);
        e.errorStackTrace(trace);
        e.message(before.isEmpty() ? firstLine : before);
        ExceptionLines.into(exceptionLine(trace, firstLine), e);
    }

    /** Where the trace starts in the message, or -1 when none is recognised. */
    private static int traceStart(String msg) {
        int py = msg.indexOf(ExceptionLines.PYTHON_HEADER);
        if (py >= 0) {
            // an exception group's header is indented: "  + Exception Group Traceback ..."
            int lineStart = msg.lastIndexOf('\n', py) + 1;
            return msg.substring(lineStart, py).strip().equals("+ Exception Group") ? lineStart : py;
        }
        int go = msg.startsWith("panic: ") || msg.startsWith("fatal error: ") ? 0 : msg.indexOf("\npanic: ");
        if (go >= 0 && msg.contains("goroutine ")) return go == 0 ? 0 : go + 1;
        int at = msg.indexOf("\n\tat ");
        if (at < 0) at = msg.indexOf("\n    at ");
        if (at < 0) return -1;
        // the exception line is the line before the first frame
        int lineStart = msg.lastIndexOf('\n', at - 1);
        return lineStart < 0 ? 0 : lineStart + 1;
    }

    /** Java: the trace's first line; Python: its last line, or the last exception group's own line. */
    private static String exceptionLine(String trace, String firstLine) {
        if (!trace.startsWith("Traceback") && !trace.contains(ExceptionLines.PYTHON_GROUP_HEADER)) {
            return firstLine.startsWith("Exception in thread ") ? afterQuotedThread(firstLine) : firstLine;
        }
        return ExceptionLines.python(trace);
    }

    private static String afterQuotedThread(String line) {
        int q = line.indexOf("\" ");
        return q < 0 ? line : line.substring(q + 2);
    }
}
