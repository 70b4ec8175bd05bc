package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.StructuredDataText;
import io.sluice.api.event.SyslogFields;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 5424 STRUCTURED-DATA on bytes: {@link #scan} checks the grammar (and refuses a repeated SD-ID);
 * {@link #apply} then gives the checked text to the event, which keeps it as it is and is written as
 * JSON by the encoder ({@link StructuredDataText}). One instance per worker (it keeps scratch arrays).
 */
final class StructuredData {
    private static final int MAX_NAME = 32;
    /** Bytes per chunk of copied text: a few hundred events' structured data. */
    private static final int CHUNK = 16 * 1024;

    /** The SD-IDs read so far (each must be new) and the current element's param names. */
    private final Names ids = new Names();
    private final Names params = new Names();
    private byte[] scratch = new byte[256];
    /** Where the value {@link #unescapeValue} read ends (after its closing quote). */
    private int valueEnd;
    /** True when an element {@link #scan} read repeats a param name: a map keeps the last value, the text cannot. */
    private boolean repeatedParam;
    /**
     * True when the text {@link #scan} read holds a backslash or a value holds a control character:
     * its JSON then needs escapes; otherwise it is plain and the encoder copies it as it is.
     */
    private boolean needsEscapes;
    /**
     * Where the text of records read from an array their event may not keep is copied, one after
     * another (see {@link #apply}); bytes below {@link #chunkUsed} belong to events and are never
     * written again: a full chunk is replaced, not reused.
     */
    private byte[] chunk = new byte[0];
    private int chunkUsed;

    /**
     * Checks SD-ELEMENTs starting at {@code p} (which holds {@code '['}) for {@link #apply}.
     *
     * @return the offset just after the last element, or -1 when the grammar is broken
     */
    int scan(byte[] b, int p, int end) {
        repeatedParam = false;
        needsEscapes = false;
        ids.clear();
        while (p < end && b[p] == '[') {
            p++;
            int idStart = p;
            p = name(b, p, end);
            if (p < 0) return -1;
            if (ids.contains(b, idStart, p)) return -1;
            ids.add(idStart, p);
            params.clear();
            while (p < end && b[p] == ' ') {
                int nameStart = p + 1;
                p = name(b, nameStart, end);
                if (p < 0 || p + 1 >= end || b[p] != '=' || b[p + 1] != '"') return -1;
                if (params.contains(b, nameStart, p)) repeatedParam = true;
                params.add(nameStart, p);
                p = value(b, p + 2, end);
                if (p < 0) return -1;
            }
            if (p >= end || b[p] != ']') return -1;
            p++;
        }
        return p;
    }

    /** The bytes an SD-NAME may hold but the backslash (which it may hold too, and JSON escapes). */
    private static final boolean[] NAME_PLAIN = new boolean[256];

    static {
        for (int c = 33; c <= 126; c++) NAME_PLAIN[c] = c != '=' && c != ']' && c != '"' && c != '\\';
    }

    /** SD-NAME: 1 to 32 printable US-ASCII characters except '=', SP, ']' and '"'. */
    private int name(byte[] b, int p, int end) {
        int start = p;
        int limit = Math.min(end, start + MAX_NAME + 1);
        while (p < limit) {
            if (NAME_PLAIN[b[p] & 0xFF]) {
                p++;
            } else if (b[p] == '\\') {
                needsEscapes = true;
                p++;
            } else {
                break;
            }
        }
        int n = p - start;
        return n == 0 || n > MAX_NAME ? -1 : p;
    }

    /**
     * The bytes a PARAM-VALUE holds that its JSON holds as they are (one lookup per byte): all but the
     * quote, the backslash, ']' and the control characters (which RFC 5424 allows and JSON escapes).
     */
    private static final boolean[] VALUE_PLAIN = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) VALUE_PLAIN[c] = c >= 0x20 && c != '"' && c != '\\' && c != ']';
    }

    /** PARAM-VALUE after its opening quote: returns the offset after the closing quote, or -1. */
    private int value(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (VALUE_PLAIN[c & 0xFF]) {
                p++;
            } else if (c == '"') {
                return p + 1;
            } else if (c == ']') {
                return -1; // must be escaped inside a value
            } else if (c == '\\') {
                // a backslash escapes '"', '\' and ']'; before anything else it is kept, and the byte after it read as any other
                needsEscapes = true;
                p += p + 1 < end && (b[p + 1] == '"' || b[p + 1] == '\\' || b[p + 1] == ']') ? 2 : 1;
            } else {
                needsEscapes = true; // a control character
                p++;
            }
        }
        return -1;
    }

    /** Names read from one record, as offsets into it. */
    private static final class Names {
        private int[] starts = new int[8];
        private int[] ends = new int[8];
        int count;

        void clear() {
            count = 0;
        }

        void add(int start, int end) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count++] = end;
        }

        /** True when {@code b[start, end)} equals a name added since {@link #clear}. */
        boolean contains(byte[] b, int start, int end) {
            for (int i = 0; i < count; i++) {
                if (ends[i] - starts[i] == end - start && same(b, starts[i], start, end - start)) return true;
            }
            return false;
        }

        /** A loop, not Arrays.equals: names are a few bytes, where its range checks and set-up cost more than the compare. */
        private static boolean same(byte[] b, int p, int q, int n) {
            for (int i = 0; i < n; i++) {
                if (b[p + i] != b[q + i]) return false;
            }
            return true;
        }
    }

    /**
     * Gives the elements {@link #scan} just checked at {@code b[p, end)} to the event's syslog fields:
     * as that text, which the encoder writes as JSON (no map per element, no strings per param, no copy
     * when {@code b} is the batch's bytes that the event may keep), or, when an element repeats a param
     * name, as maps, where the last value wins.
     */
    void apply(byte[] b, int p, int end, LogEvent event, SyslogFields into) {
        if (repeatedParam) {
            applyAsMaps(b, p, end, into);
        } else if (event.decodingFromStable(b)) {
            into.structuredDataText(b, p, end - p, !needsEscapes);
        } else {
            int n = end - p;
            if (chunk.length - chunkUsed < n) {
                chunk = new byte[Math.max(CHUNK, n)];
                chunkUsed = 0;
            }
            System.arraycopy(b, p, chunk, chunkUsed, n);
            into.structuredDataText(chunk, chunkUsed, n, !needsEscapes);
            chunkUsed += n;
        }
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
