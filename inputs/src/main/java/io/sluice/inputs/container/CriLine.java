package io.sluice.inputs.container;

/**
 * Scans one CRI log line, {@code <RFC3339Nano> <stdout|stderr> <P|F>[:tags] <text>}, in place. The
 * older form without the tag field ({@code <time> <stream> <text>}) is accepted as a full line.
 * One instance is reused; the fields describe the last successful {@link #parse}.
 */
final class CriLine {
    static final int STDOUT = 0;
    static final int STDERR = 1;

    int timeEnd;
    int stream;
    boolean partial;
    /** Start of the tag field, or -1 in the old form. */
    int tagStart;
    int textStart;

    /** False when the line is not CRI (the time is not checked here, only its shape). */
    boolean parse(byte[] b, int off, int len) {
        int end = off + len;
        int s1 = indexOf(b, off, end, (byte) ' ');
        if (s1 < off + 10 || b[off] < '0' || b[off] > '9') return false;
        int s2 = indexOf(b, s1 + 1, end, (byte) ' ');
        int streamEnd = s2 < 0 ? end : s2;
        if (is(b, s1 + 1, streamEnd, "stdout")) {
            stream = STDOUT;
        } else if (is(b, s1 + 1, streamEnd, "stderr")) {
            stream = STDERR;
        } else {
            return false;
        }
        if (s2 < 0) return false;
        timeEnd = s1;
        int t = s2 + 1;
        if (t < end && (b[t] == 'P' || b[t] == 'F') && (t + 1 == end || b[t + 1] == ' ' || b[t + 1] == ':')) {
            partial = b[t] == 'P';
            tagStart = t;
            int s3 = indexOf(b, t, end, (byte) ' ');
            textStart = s3 < 0 ? end : s3 + 1;
        } else {
            partial = false;
            tagStart = -1;
            textStart = t;
        }
        return true;
    }

    String streamName() {
        return stream == STDOUT ? "stdout" : "stderr";
    }

    private static boolean is(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) return false;
        for (int i = 0; i < word.length(); i++) {
            if (b[from + i] != word.charAt(i)) return false;
        }
        return true;
    }

    static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) return i;
        }
        return -1;
    }
}
