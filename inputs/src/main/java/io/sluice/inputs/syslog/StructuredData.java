package io.sluice.inputs.syslog;

import io.sluice.api.event.SyslogFields;
import io.sluice.api.json.JsonBytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 5424 STRUCTURED-DATA on bytes: {@link #scan} checks the grammar (and refuses a repeated SD-ID),
 * {@link #apply} later copies the elements, with {@code \"}, {@code \\} and {@code \]} unescaped, into
 * {@code log.syslog.structured_data} (as its JSON). A backslash before any other character is kept as it is
 * (RFC 5424 section 6.3.3). One instance per worker (it keeps scratch arrays).
 */
final class StructuredData {
    private static final int MAX_NAME = 32;

    private int[] idStarts = new int[8];
    private int[] idEnds = new int[8];
    private int ids;
    private byte[] scratch = new byte[256];
    /** Where the value {@link #unescapeValue} read ends (after its closing quote). */
    private int valueEnd;
    private final JsonBytes json = new JsonBytes(256);

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
            if (isRepeated(b, ids, idStart, p)) return -1;
            remember(ids++, idStart, p);
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

    /**
     * True when {@code b[start, end)} equals one of the first {@code count} names remembered: SD-IDs
     * while {@link #scan} runs, the current element's param names while {@link #apply} runs.
     */
    private boolean isRepeated(byte[] b, int count, int start, int end) {
        for (int i = 0; i < count; i++) {
            if (Arrays.equals(b, idStarts[i], idEnds[i], b, start, end)) return true;
        }
        return false;
    }

    private void remember(int index, int start, int end) {
        if (index == idStarts.length) {
            idStarts = Arrays.copyOf(idStarts, index * 2);
            idEnds = Arrays.copyOf(idEnds, index * 2);
        }
        idStarts[index] = start;
        idEnds[index] = end;
    }

    /**
     * Copies elements already checked by {@link #scan} into the event's syslog fields: written as the
     * JSON the encoder copies (one array per event instead of a map per element and two strings per
     * param), or, when an element repeats a param name, as maps, where the last value wins.
     */
    void apply(byte[] b, int p, int end, SyslogFields into) {
        int from = p;
        JsonBytes out = json;
        out.reset();
        out.raw((byte) '{');
        boolean firstElement = true;
        while (p < end && b[p] == '[') {
            int idStart = ++p;
            while (b[p] != ' ' && b[p] != ']') p++;
            if (!firstElement) out.raw((byte) ',');
            firstElement = false;
            out.utf8String(b, idStart, p - idStart).raw((byte) ':').raw((byte) '{');
            int names = 0;
            while (b[p] == ' ') {
                int nameStart = ++p;
                while (b[p] != '=') p++;
                if (isRepeated(b, names, nameStart, p)) {
                    applyAsMaps(b, from, end, into);
                    return;
                }
                remember(names++, nameStart, p);
                if (names > 1) out.raw((byte) ',');
                out.utf8String(b, nameStart, p - nameStart).raw((byte) ':');
                p += 2; // '="'
                int n = unescapeValue(b, p);
                p = valueEnd;
                out.utf8String(scratch, 0, n);
            }
            out.raw((byte) '}');
            p++; // ']'
        }
        out.raw((byte) '}');
        into.structuredDataJson(out.toByteArray());
    }

    /** The pre-JSON path, for the rare element that repeats a param name (a map keeps the last value). */
    private void applyAsMaps(byte[] b, int p, int end, SyslogFields into) {
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
                int n = unescapeValue(b, p);
                p = valueEnd;
                element.put(name, new String(scratch, 0, n, StandardCharsets.UTF_8));
            }
            p++; // ']'
        }
    }

    /**
     * Unescapes the PARAM-VALUE starting at {@code p} (after its opening quote) into {@link #scratch};
     * returns its length and leaves the offset after the closing quote in {@link #valueEnd}.
     */
    private int unescapeValue(byte[] b, int p) {
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
        valueEnd = p + 1;
        return n;
    }

    private static String ascii(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.US_ASCII);
    }
}
