package io.sluice.inputs.syslog;

import io.sluice.api.event.SyslogFields;
import io.sluice.api.json.JsonBytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 5424 STRUCTURED-DATA on bytes: {@link #scan} checks the grammar (and refuses a repeated SD-ID)
 * and, in the same pass, writes the elements as the JSON of {@code log.syslog.structured_data}, with
 * {@code \"}, {@code \\} and {@code \]} unescaped; {@link #apply} later hands that JSON to the event. A
 * backslash before any other character is kept as it is (RFC 5424 section 6.3.3). One instance per
 * worker (it keeps scratch arrays and the chunk events' JSON is written to).
 */
final class StructuredData {
    private static final int MAX_NAME = 32;
    /** Bytes per chunk of JSON: a few hundred events' structured data. */
    private static final int CHUNK = 16 * 1024;
    /** A chunk with less room left than this is replaced before the next scan (a larger SD grows it). */
    private static final int CHUNK_SLACK = 1024;

    /** The SD-IDs read so far (each must be new) and the current element's param names. */
    private final Names ids = new Names();
    private final Names params = new Names();
    private byte[] scratch = new byte[256];
    /** Where the value {@link #unescapeValue} read ends (after its closing quote). */
    private int valueEnd;
    /**
     * The chunk the elements' JSON is written to, one event after another: an event keeps a slice of
     * it (as its message is a slice of the batch's bytes), not an array of its own. Bytes below
     * {@link #committed} belong to events and are never written again; a full chunk is replaced, not
     * reused, so an event that outlives its batch (dead letters, a tap) keeps its structured data.
     */
    private JsonBytes json = new JsonBytes(CHUNK);
    /** The end of the JSON {@link #apply} gave to events; the next scan writes from here. */
    private int committed;
    /** Where in {@link #json} the elements {@link #scan} read last begin; unusable when {@link #repeatedParam}. */
    private int jsonStart;
    /** True when an element {@link #scan} read repeats a param name: a map keeps the last value, JSON cannot. */
    private boolean repeatedParam;

    /**
     * Checks SD-ELEMENTs starting at {@code p} (which holds {@code '['}) and writes them as JSON for
     * {@link #apply}: one pass over the bytes, as every RFC 5424 record with structured data goes
     * through both.
     *
     * <p>Kept one method above C2's {@code FreqInlineSize} (325 bytecodes; it is ~370 with the chunk
     * handling): {@code Rfc5424Parser.parse} then calls it instead of inlining it, so C2 compiles the
     * scan once (it is hot on its own as well), not a second time inside parse (parse's C2 code 12 KB
     * -> 3 KB, docs/performance.md "Session 8"). Splitting it below that size brings the copy back.
     *
     * @return the offset just after the last element, or -1 when the grammar is broken
     */
    int scan(byte[] b, int p, int end) {
        JsonBytes out = json;
        if (out.array().length - committed < CHUNK_SLACK) {
            out = new JsonBytes(CHUNK);
            json = out;
            committed = 0;
        }
        out.setLength(committed); // drops what a scan that was not applied wrote
        jsonStart = committed;
        out.raw((byte) '{');
        repeatedParam = false;
        ids.clear();
        while (p < end && b[p] == '[') {
            p++;
            int idStart = p;
            p = name(b, p, end);
            if (p < 0) return -1;
            if (ids.contains(b, idStart, p)) return -1;
            if (ids.count > 0) out.raw((byte) ',');
            ids.add(idStart, p);
            writeName(b, idStart, p, out);
            out.raw((byte) ':').raw((byte) '{');
            params.clear();
            while (p < end && b[p] == ' ') {
                int nameStart = p + 1;
                p = name(b, nameStart, end);
                if (p < 0 || p + 1 >= end || b[p] != '=' || b[p + 1] != '"') return -1;
                if (params.contains(b, nameStart, p)) repeatedParam = true;
                if (params.count > 0) out.raw((byte) ',');
                params.add(nameStart, p);
                writeName(b, nameStart, p, out);
                out.raw((byte) ':');
                p = value(b, p + 2, end, out);
                if (p < 0) return -1;
            }
            if (p >= end || b[p] != ']') return -1;
            out.raw((byte) '}');
            p++;
        }
        out.raw((byte) '}');
        return p;
    }

    /**
     * The bytes an SD-NAME may hold, printable US-ASCII except '=', SP, ']' and '"': {@link #PLAIN}, or
     * {@link #BACKSLASH}, the one of them JSON escapes; 0 for the others.
     */
    private static final byte[] NAME_CHAR = new byte[256];
    private static final byte PLAIN = 1;
    private static final byte BACKSLASH = 2;

    static {
        for (int c = 33; c <= 126; c++) {
            if (c != '=' && c != ']' && c != '"') NAME_CHAR[c] = c == '\\' ? BACKSLASH : PLAIN;
        }
    }

    /** True when the name {@link #name} read last holds a backslash. */
    private boolean nameHasBackslash;

    /** SD-NAME: 1 to 32 printable US-ASCII characters except '=', SP, ']' and '"'. */
    private int name(byte[] b, int p, int end) {
        int start = p;
        int limit = Math.min(end, start + MAX_NAME + 1);
        int kinds = 0;
        for (int kind; p < limit && (kind = NAME_CHAR[b[p] & 0xFF]) != 0; p++) kinds |= kind;
        nameHasBackslash = kinds >= BACKSLASH;
        int n = p - start;
        return n == 0 || n > MAX_NAME ? -1 : p;
    }

    /** The SD-NAME {@link #name} just read, as a JSON string: copied as it is unless it holds a backslash. */
    private void writeName(byte[] b, int start, int end, JsonBytes out) {
        if (nameHasBackslash) {
            out.utf8String(b, start, end - start);
        } else {
            out.quoted(b, start, end - start);
        }
    }

    /**
     * The bytes a PARAM-VALUE copies to its JSON as they are: all but the quote and backslash (RFC 5424
     * escapes, and JSON's), ']' (must be escaped) and the control characters JSON escapes.
     */
    private static final boolean[] VALUE_PLAIN = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) VALUE_PLAIN[c] = c >= 0x20 && c != '"' && c != '\\' && c != ']';
    }

    /**
     * PARAM-VALUE after its opening quote, written unescaped as a JSON string to {@code out}; returns
     * the offset after the closing quote, or -1. One pass: runs of plain bytes are copied as they are,
     * not checked again for JSON escapes.
     */
    private static int value(byte[] b, int p, int end, JsonBytes out) {
        out.raw((byte) '"');
        int run = p;
        while (p < end) {
            byte c = b[p];
            if (VALUE_PLAIN[c & 0xFF]) {
                p++;
            } else if (c == '"') {
                out.raw(b, run, p - run).raw((byte) '"');
                return p + 1;
            } else if (c == '\\') {
                if (p + 1 >= end) return -1;
                byte next = b[p + 1];
                out.raw(b, run, p - run);
                if (next == '"' || next == '\\' || next == ']') {
                    out.escapedUtf8(b, p + 1, 1); // the escaped character alone
                    p += 2;
                } else {
                    out.raw(ESCAPED_BACKSLASH); // kept with its backslash; the next byte is read as any other
                    p++;
                }
                run = p;
            } else if (c == ']') {
                return -1; // must be escaped inside a value
            } else {
                out.raw(b, run, p - run).escapedUtf8(b, p, 1); // a control character
                run = ++p;
            }
        }
        return -1;
    }

    private static final byte[] ESCAPED_BACKSLASH = {'\\', '\\'};

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
     * Gives the elements {@link #scan} just checked at {@code b[p, end)} to the event's syslog fields: as
     * the JSON the encoder copies (a slice of the chunk instead of a map per element and two strings per
     * param), or, when an element repeats a param name, as maps, where the last value wins.
     */
    void apply(byte[] b, int p, int end, SyslogFields into) {
        if (repeatedParam) {
            applyAsMaps(b, p, end, into);
        } else {
            committed = json.length();
            into.structuredDataJson(json.array(), jsonStart, committed - jsonStart);
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
