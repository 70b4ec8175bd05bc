package io.sluice.inputs.container;

/**
 * Byte scanners for Docker json-file lines ({@code {"log":"...","stream":"stdout","time":"..."}}),
 * in place and without a JSON tree: the reader uses them to find partial chunks, the decoder to
 * read the fields.
 */
final class DockerJson {
    private DockerJson() {}

    /**
     * Index of the first byte of the {@code log} string's content when {@code log} is the first key
     * (as Docker writes it), else -1.
     */
    static int logContentStart(byte[] b, int off, int end) {
        int p = skipWs(b, off, end);
        if (p >= end || b[p] != '{') return -1;
        p = skipWs(b, p + 1, end);
        if (end - p < 5 || b[p] != '"' || b[p + 1] != 'l' || b[p + 2] != 'o' || b[p + 3] != 'g' || b[p + 4] != '"') {
            return -1;
        }
        p = skipWs(b, p + 5, end);
        if (p >= end || b[p] != ':') return -1;
        p = skipWs(b, p + 1, end);
        if (p >= end || b[p] != '"') return -1;
        return p + 1;
    }

    /** Index of the closing quote of a string whose content starts at {@code from}, or -1. */
    static int stringEnd(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** True when escaped string content ends with the escape {@code \n}: a complete Docker line. */
    static boolean endsWithNewline(byte[] b, int from, int to) {
        if (to - from < 2 || b[to - 1] != 'n' || b[to - 2] != '\\') return false;
        int slashes = 0;
        for (int i = to - 2; i >= from && b[i] == '\\'; i--) slashes++;
        return (slashes & 1) == 1;
    }

    /**
     * The largest length {@code <= max} of escaped content starting at {@code from} that cuts neither
     * an escape sequence nor a UTF-8 character. The content must be longer than {@code max}.
     */
    static int safeCut(byte[] b, int from, int max) {
        int i = 0;
        while (i < max) {
            if (b[from + i] == '\\') {
                int len = b[from + i + 1] == 'u' ? 6 : 2;
                if (i + len > max) break;
                i += len;
            } else {
                i++;
            }
        }
        while (i > 0 && (b[from + i] & 0xC0) == 0x80) i--;
        return i;
    }

    /** Which stream a line's fields name after the log string (0 stdout, also when absent; 1 stderr). */
    static int stream(byte[] b, int from, int end) {
        int k = indexOf(b, from, end, STREAM_KEY);
        if (k < 0) return CriLine.STDOUT;
        int p = skipWs(b, k + STREAM_KEY.length, end);
        if (p >= end || b[p] != ':') return CriLine.STDOUT;
        p = skipWs(b, p + 1, end);
        if (end - p >= 7 && b[p] == '"' && b[p + 1] == 's' && b[p + 4] == 'e' && b[p + 5] == 'r' && b[p + 6] == 'r') {
            return CriLine.STDERR;
        }
        return CriLine.STDOUT;
    }

    private static final byte[] STREAM_KEY = {'"', 's', 't', 'r', 'e', 'a', 'm', '"'};

    static int indexOf(byte[] b, int from, int end, byte[] needle) {
        outer:
        for (int i = from; i <= end - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    static int skipWs(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) p++;
        return p;
    }
}
