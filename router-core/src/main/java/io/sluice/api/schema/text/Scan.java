package io.sluice.api.schema.text;

import java.nio.charset.StandardCharsets;

/** Byte scanning shared by the text layouts: every parser walks the line once, no regex. */
final class Scan {
    private Scan() {}

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t';
    }

    /** The value of {@code n} digits at {@code p}, or -1 when they are not all digits or run past {@code end}. */
    static int digits(byte[] b, int p, int n, int end) {
        if (p < 0 || p + n > end) return -1;
        int v = 0;
        for (int i = p; i < p + n; i++) {
            if (!isDigit(b[i])) return -1;
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    static int skipSpaces(byte[] b, int p, int end) {
        while (p < end && isSpace(b[p])) p++;
        return p;
    }

    /** The first index of {@code c} in {@code [p, end)}, or -1. */
    static int indexOf(byte[] b, int p, int end, byte c) {
        for (int i = p; i < end; i++) {
            if (b[i] == c) return i;
        }
        return -1;
    }

    /** The first index of {@code word} in {@code [p, end)}, or -1. */
    /** {@code file.go:42} in {@code [from, to)}: no space, a colon, then digits (a Go caller). */
    static boolean isFileLine(byte[] b, int from, int to) {
        int colon = lastIndexOf(b, from, to, (byte) ':');
        if (colon <= from || number(b, colon + 1, to) < 0) return false;
        return indexOf(b, from, colon, (byte) ' ') < 0;
    }

    /** The last index of {@code c} in {@code [from, to)}, or -1. */
    static int lastIndexOf(byte[] b, int from, int to, byte c) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) return i;
        }
        return -1;
    }

    static int indexOf(byte[] b, int p, int end, String word) {
        int n = word.length();
        outer:
        for (int i = p; i + n <= end; i++) {
            for (int j = 0; j < n; j++) {
                if (b[i + j] != word.charAt(j)) continue outer;
            }
            return i;
        }
        return -1;
    }

    static boolean startsWith(byte[] b, int p, int end, String word) {
        if (end - p < word.length()) return false;
        for (int j = 0; j < word.length(); j++) {
            if (b[p + j] != word.charAt(j)) return false;
        }
        return true;
    }

    /** Where the line starting at or before {@code p} ends: its newline, or {@code end}. */
    static int lineEnd(byte[] b, int p, int end) {
        int nl = indexOf(b, p, end, (byte) '\n');
        return nl < 0 ? end : nl;
    }

    /** Where the run of non-space bytes from {@code p} ends. */
    static int wordEnd(byte[] b, int p, int end) {
        while (p < end && !isSpace(b[p])) p++;
        return p;
    }

    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** The record's end without trailing carriage returns and newlines. */
    static int trimEnd(byte[] b, int off, int end) {
        while (end > off && (b[end - 1] == '\r' || b[end - 1] == '\n')) end--;
        return end;
    }

    /** A decimal number in {@code [from, to)}, or -1 when it is not one. */
    static long number(byte[] b, int from, int to) {
        if (from >= to || to - from > 18) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            if (!isDigit(b[i])) return -1;
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /** The index of the quote closing the string whose opening quote is at {@code open}, or {@code end}. */
    static int closingQuote(byte[] b, int open, int end) {
        int q = open + 1;
        while (q < end && b[q] != '"') {
            if (b[q] == '\\' && q + 1 < end) q++;
            q++;
        }
        return Math.min(q, end);
    }

    /** The text of a quoted string's contents with its backslash escapes resolved. */
    static String unquote(byte[] b, int from, int to) {
        StringBuilder s = null;
        int run = from;
        for (int i = from; i < to; i++) {
            if (b[i] == '\\' && i + 1 < to) {
                if (s == null) s = new StringBuilder(to - from);
                s.append(text(b, run, i));
                byte e = b[++i];
                s.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> (char) e;
                });
                run = i + 1;
            }
        }
        return s == null ? text(b, from, to) : s.append(text(b, run, to)).toString();
    }
}
