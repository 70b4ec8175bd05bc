package io.sluice.inputs.multiline;

import com.google.re2j.Pattern;
import io.sluice.api.schema.ExceptionLines;

/**
 * Decides whether a line continues the event before it. The built-in rules are byte scanners for
 * stack traces (Java, Python, Go, .NET); a user's {@code start_pattern} is a regular expression matched
 * against the start of the line (one match per line, on the reader thread). One instance per stream:
 * the Python and Go rules remember whether a trace is open.
 */
public interface MultilineRule {
    /** True when the line belongs to the event being joined; false when it starts a new one. */
    boolean continues(byte[] b, int off, int len);

    static MultilineRule create(String mode, Pattern startPattern) {
        if (startPattern != null) return new StartPattern(startPattern);
        return switch (mode) {
            case "java" -> new Java();
            case "python" -> new Python();
            case "go" -> new Go();
            case "dotnet" -> new Dotnet();
            default -> throw new IllegalArgumentException("no multiline rule " + mode);
        };
    }

    static boolean indented(byte[] b, int off, int len) {
        return len > 0 && (b[off] == ' ' || b[off] == '\t');
    }

    static boolean startsWith(byte[] b, int off, int len, String prefix) {
        if (len < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) {
            if (b[off + i] != prefix.charAt(i)) return false;
        }
        return true;
    }

    /**
     * {@code \tat ...}, {@code ... 5 more}, {@code Caused by: ...}, {@code Suppressed: ...}, and the
     * exception line itself ({@code java.lang.IllegalStateException: ...}) under the logged message.
     */
    final class Java implements MultilineRule {
        @Override
        public boolean continues(byte[] b, int off, int len) {
            return indented(b, off, len) || startsWith(b, off, len, "Caused by: ")
                    || startsWith(b, off, len, "Suppressed: ") || startsWith(b, off, len, "...")
                    || exceptionHeader(b, off, len);
        }

        /** A qualified class name ending in Exception, Error or Throwable, then {@code :} or the end. */
        static boolean exceptionHeader(byte[] b, int off, int len) {
            int i = off;
            int end = off + len;
            boolean dot = false;
            while (i < end && (Character.isLetterOrDigit(b[i]) || b[i] == '.' || b[i] == '_' || b[i] == '$')) {
                if (b[i] == '.') dot = true;
                i++;
            }
            if (!dot || (i < end && b[i] != ':')) return false;
            String name = new String(b, off, i - off, java.nio.charset.StandardCharsets.US_ASCII);
            return name.endsWith("Exception") || name.endsWith("Error") || name.endsWith("Throwable");
        }
    }

    /**
     * {@code Traceback (most recent call last):} joins the line before it (the logged message), the
     * indented frames follow, and the unindented {@code SomeError: message} line closes the trace. A
     * chained exception ({@code raise ... from}, or one raised while handling another) follows the closed
     * trace as a blank line, {@code The above exception was the direct cause of the following exception:}
     * or {@code During handling of the above exception, another exception occurred:}, a blank line and
     * the next trace: all of it is the same event, so a blank line right after a trace is held for it.
     * An exception group (Python 3.11+) is written indented from {@code   + Exception Group Traceback
     * (most recent call last):} on, its exception lines included: its indented lines continue it. loguru
     * writes the frame that caught the exception unindented, {@code > File "..."}: a frame too.
     */
    final class Python implements MultilineRule {
        static final String GROUP_HEADER = ExceptionLines.PYTHON_GROUP_HEADER;
        private boolean inTrace;
        /** The exception line closed a trace: a blank line or a chain header may still continue it. */
        private boolean closed;
        private boolean inGroup;

        @Override
        public boolean continues(byte[] b, int off, int len) {
            if (startsWith(b, off, len, ExceptionLines.PYTHON_HEADER)) {
                inTrace = true;
                closed = false;
                inGroup = false;
                return true;
            }
            if (groupHeader(b, off, len)) {
                inGroup = true;
                inTrace = false;
                closed = false;
                return true;
            }
            if (inGroup) {
                if (indented(b, off, len)) return true;
                inGroup = false;
                closed = len == 0; // a chained group is written as a chained trace is
                return closed;
            }
            if (closed) {
                if (len == 0) return true;
                closed = false;
                if (!chainHeader(b, off, len)) return false;
                inTrace = true;
                return true;
            }
            if (!inTrace) return false;
            if (indented(b, off, len) || len == 0 || chainHeader(b, off, len) || loguruFrame(b, off, len)) return true;
            inTrace = false; // the exception line ends the trace and belongs to it
            closed = true;
            return true;
        }

        /** {@code GROUP_HEADER} after its indentation (two spaces at the top level). */
        private static boolean groupHeader(byte[] b, int off, int len) {
            int i = off;
            while (i < off + len && b[i] == ' ') i++;
            return i > off && startsWith(b, i, off + len - i, GROUP_HEADER);
        }

        /**
         * loguru's traceback marks the frame where the exception was caught with {@code > } in front of
         * its {@code File "..."} line, unindented, where the traceback module indents it.
         */
        private static boolean loguruFrame(byte[] b, int off, int len) {
            return startsWith(b, off, len, "> File \"");
        }

        private static boolean chainHeader(byte[] b, int off, int len) {
            return startsWith(b, off, len, "During handling of the above exception")
                    || startsWith(b, off, len, "The above exception was the direct cause");
        }
    }

    /**
     * From {@code panic:} or {@code fatal error:} on: goroutine headers, frames, blank lines, {@code exit status}.
     * And zap's stack trace under a console line (its development logger, from warn on): a function
     * ({@code main.handler}, {@code go.uber.org/zap.(*Logger).Warn}) then its file after a tab, per frame.
     */
    final class Go implements MultilineRule {
        private boolean inTrace;
        /** The line before was a zap console line (a digit first, a tab in it) or a frame of its trace. */
        private boolean zapFrames;

        @Override
        public boolean continues(byte[] b, int off, int len) {
            if (startsWith(b, off, len, "panic: ") || startsWith(b, off, len, "fatal error: ")) {
                inTrace = true;
                zapFrames = false;
                return false;
            }
            if (!inTrace) {
                if (zapFrames && (indented(b, off, len) || goFunction(b, off, len))) return true;
                zapFrames = len > 0 && b[off] >= '0' && b[off] <= '9' && indexOf(b, off, len, '\t') > 0;
                return false;
            }
            if (len == 0 || indented(b, off, len) || startsWith(b, off, len, "goroutine ")
                    || startsWith(b, off, len, "created by ") || startsWith(b, off, len, "exit status ")
                    || startsWith(b, off, len, "[signal ") || (b[off + len - 1] == ')' && indexOf(b, off, len, '(') > 0)) {
                return true;
            }
            inTrace = false;
            return continues(b, off, len);
        }

        /** A qualified Go function as a trace names it: a letter first, a dot, no space; {@code ()*} and {@code /} allowed. */
        private static boolean goFunction(byte[] b, int off, int len) {
            if (len < 3 || !Character.isLetter(b[off])) return false;
            boolean dot = false;
            for (int i = off; i < off + len; i++) {
                byte c = b[i];
                if (c == '.') dot = true;
                else if (!Character.isLetterOrDigit(c) && c != '_' && c != '/' && c != '(' && c != ')' && c != '*'
                        && c != '-' && c != '~' && c != '%') return false;
            }
            return dot && b[off + len - 1] != '.';
        }

        private static int indexOf(byte[] b, int off, int len, char c) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == c) return i - off;
            }
            return -1;
        }
    }

    /**
     * .NET: the console logger writes the message and the exception under its {@code info: Category[0]}
     * line indented by six spaces, and exception frames are indented {@code   at ...};
     * {@code --- End of inner exception stack trace ---} and {@code --- End of stack trace from previous location ---}
     * separate the parts.
     */
    final class Dotnet implements MultilineRule {
        @Override
        public boolean continues(byte[] b, int off, int len) {
            return indented(b, off, len) || startsWith(b, off, len, "--- End of ");
        }
    }

    /** A line matching the user's pattern starts an event; any other line continues it. */
    final class StartPattern implements MultilineRule {
        private final Pattern pattern;

        StartPattern(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public boolean continues(byte[] b, int off, int len) {
            String head = new String(b, off, Math.min(len, 256), java.nio.charset.StandardCharsets.UTF_8);
            return !pattern.matcher(head).lookingAt();
        }
    }
}
