package io.sluice.inputs.syslog;

import io.sluice.api.event.SyslogFields;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 5424 STRUCTURED-DATA on bytes: {@link #scan} checks the grammar (and refuses a repeated SD-ID),
 * {@link #apply} later copies the elements, with {@code \"}, {@code \\} and {@code \]} unescaped, into
 * {@code log.syslog.structured_data}. A backslash before any other character is kept as it is
 * (RFC 5424 section 6.3.3). One instance per worker (it keeps scratch arrays).
 */
final class StructuredData {
    private static final int MAX_NAME = 32;

    private int[] idStarts = new int[8];
    private int[] idEnds = new int[8];
    private int ids;
    private byte[] scratch = new byte[256];

    /**
     * Checks SD-ELEMENTs starting at {@code p} (which holds {@code '['}).
     *
     * @return the offset just after the last element, or -1 when the grammar is broken
     */
    int scan(byte[] b, int p, int end) {
        ids = 0;
        while (p < end && b[p] == '[') {
            p++;
            int idStart = p;
            p = name(b, p, end);
            if (p < 0) return -1;
            if (isDuplicate(b, idStart, p)) return -1;
            remember(idStart, p);
            while (p < end && b[p] == ' ') {
                p = name(b, p + 1, end);
                if (p < 0 || p + 1 >= end || b[p] != '=' || b[p + 1] != '"') return -1;
                p = value(b, p + 2, end);
                if (p < 0) return -1;
            }
            if (p >= end || b[p] != ']') return -1;
            p++;
        }
        return p;
    }

    /** SD-NAME: 1 to 32 printable US-ASCII characters except '=', SP, ']' and '"'. */
    private static int name(byte[] b, int p, int end) {
        int start = p;
        while (p < end && p - start <= MAX_NAME) {
            byte c = b[p];
            if (c < 33 || c > 126 || c == '=' || c == ']' || c == '"') break;
            p++;
        }
        int n = p - start;
        return n == 0 || n > MAX_NAME ? -1 : p;
    }

    /** PARAM-VALUE after its opening quote; returns the offset after the closing quote. */
    private static int value(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (c == '\\') {
                if (p + 1 >= end) return -1;
                p += 2;
            } else if (c == '"') {
                return p + 1;
            } else if (c == ']') {
                return -1; // must be escaped inside a value
            } else {
                p++;
            }
        }
        return -1;
    }

    private boolean isDuplicate(byte[] b, int start, int end) {
        for (int i = 0; i < ids; i++) {
            if (Arrays.equals(b, idStarts[i], idEnds[i], b, start, end)) return true;
        }
        return false;
    }

    private void remember(int start, int end) {
        if (ids == idStarts.length) {
            idStarts = Arrays.copyOf(idStarts, ids * 2);
            idEnds = Arrays.copyOf(idEnds, ids * 2);
        }
        idStarts[ids] = start;
        idEnds[ids] = end;
        ids++;
    }

    /** Copies elements already checked by {@link #scan} into the event's syslog fields. */
    void apply(byte[] b, int p, int end, SyslogFields into) {
        while (p < end && b[p] == '[') {
            int idStart = ++p;
            while (b[p] != ' ' && b[p] != ']') p++;
            String id = ascii(b, idStart, p);
            var element = into.structuredElement(id);
            while (b[p] == ' ') {
                int nameStart = ++p;
                while (b[p] != '=') p++;
                String name = ascii(b, nameStart, p);
                p += 2; // '="'
                int n = 0;
                while (b[p] != '"') {
                    byte c = b[p];
                    if (c == '\\' && (b[p + 1] == '"' || b[p + 1] == '\\' || b[p + 1] == ']')) {
                        c = b[++p];
                    }
                    if (n == scratch.length) scratch = Arrays.copyOf(scratch, n * 2);
                    scratch[n++] = c;
                    p++;
                }
                p++;
                element.put(name, new String(scratch, 0, n, StandardCharsets.UTF_8));
            }
            p++; // ']'
        }
    }

    private static String ascii(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.US_ASCII);
    }
}
