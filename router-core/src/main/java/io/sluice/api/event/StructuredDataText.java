package io.sluice.api.event;

import io.sluice.api.bytes.ByteScan;
import io.sluice.api.json.JsonBytes;

/**
 * RFC 5424 STRUCTURED-DATA as its text, which a decoder checked (grammar, unique SD-IDs and param
 * names), written as the JSON of {@code log.syslog.structured_data}: {@code [id a="1"][id2]} becomes
 * {@code {"id":{"a":"1"},"id2":{}}}, with {@code \"}, {@code \\} and {@code \]} unescaped and a
 * backslash before any other character kept (RFC 5424 section 6.3.3). An event keeps the record's own
 * bytes and the encoder writes the JSON from them: no copy of the structured data per event.
 */
public final class StructuredDataText {
    private StructuredDataText() {}

    /** Writes the checked elements in {@code b[p, end)} as one JSON object of objects of strings. */
    public static void writeJson(byte[] b, int p, int end, JsonBytes out) {
        out.raw((byte) '{');
        boolean firstElement = true;
        while (p < end && b[p] == '[') {
            int idStart = ++p;
            while (b[p] != ' ' && b[p] != ']') p++;
            if (!firstElement) out.raw((byte) ',');
            firstElement = false;
            name(b, idStart, p, out);
            out.raw((byte) ':').raw((byte) '{');
            boolean firstParam = true;
            while (b[p] == ' ') {
                int nameStart = ++p;
                while (b[p] != '=') p++;
                if (!firstParam) out.raw((byte) ',');
                firstParam = false;
                name(b, nameStart, p, out);
                out.raw((byte) ':');
                p = value(b, p + 2, out); // after '="'
            }
            out.raw((byte) '}');
            p++; // ']'
        }
        out.raw((byte) '}');
    }

    /**
     * As {@link #writeJson}, for text that is plain: no backslash anywhere and no control character
     * (below 0x20) in a value, as the decoder found it (most real structured data). Its JSON is then
     * its own bytes with other punctuation: every name and value is copied as it is, ended by the first
     * {@code ' '} or {@code ']'} (SD-ID), {@code =} (PARAM-NAME) or {@code "} (PARAM-VALUE), which
     * {@link ByteScan} finds eight bytes at a time, with no escape to look up per byte.
     */
    public static void writePlainJson(byte[] b, int p, int end, JsonBytes out) {
        byte[] o = out.room(plainJsonBound(end - p));
        int q = out.length();
        o[q++] = '{';
        boolean firstElement = true;
        while (p < end) { // at '['
            if (!firstElement) o[q++] = ',';
            firstElement = false;
            int id = p + 1;
            p = ByteScan.indexOfEither(b, id, end, (byte) ' ', (byte) ']');
            q = quoted(b, id, p, o, q);
            o[q++] = ':';
            o[q++] = '{';
            boolean firstParam = true;
            while (b[p] == ' ') {
                if (!firstParam) o[q++] = ',';
                firstParam = false;
                int name = p + 1;
                p = ByteScan.indexOf(b, name, end, (byte) '=');
                q = quoted(b, name, p, o, q);
                o[q++] = ':';
                int value = p + 2; // after '="'
                p = ByteScan.indexOf(b, value, end, (byte) '"'); // no escape, so its first quote ends it
                q = quoted(b, value, p, o, q);
                p++;
            }
            o[q++] = '}';
            p++; // ']'
        }
        o[q++] = '}';
        out.setLength(q);
    }

    /** Writes {@code "b[start, end)"} at {@code o[q]}; returns the index after it. */
    private static int quoted(byte[] b, int start, int end, byte[] o, int q) {
        int n = end - start;
        o[q] = '"';
        System.arraycopy(b, start, o, q + 1, n);
        o[q + 1 + n] = '"';
        return q + n + 2;
    }

    /** The most bytes {@link #writePlainJson} writes for {@code textLength} bytes of text (a sizing hint for others too). */
    static int plainJsonBound(int textLength) {
        // each element adds at most 4 bytes ('[' ']' become ',"' '":{' '}') and each param 2, for 3 and 5 bytes of text
        return 3 * textLength + 2;
    }

    /** An SD-NAME as a JSON string: printable US-ASCII, of which only a backslash needs an escape. */
    private static void name(byte[] b, int start, int end, JsonBytes out) {
        for (int i = start; i < end; i++) {
            if (b[i] == '\\') {
                out.utf8String(b, start, end - start);
                return;
            }
        }
        out.quoted(b, start, end - start);
    }

    /**
     * The bytes a PARAM-VALUE copies to its JSON as they are: all but the quote and backslash (RFC 5424
     * escapes, and JSON's) and the control characters JSON escapes. (A ']' in a checked value is escaped.)
     */
    private static final boolean[] VALUE_PLAIN = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) VALUE_PLAIN[c] = c >= 0x20 && c != '"' && c != '\\';
    }

    private static final byte[] ESCAPED_BACKSLASH = {'\\', '\\'};

    /**
     * A checked PARAM-VALUE after its opening quote, written unescaped as a JSON string; returns the
     * offset after its closing quote. Runs of plain bytes are copied as they are.
     */
    private static int value(byte[] b, int p, JsonBytes out) {
        out.raw((byte) '"');
        int run = p;
        while (true) {
            byte c = b[p];
            if (VALUE_PLAIN[c & 0xFF]) {
                p++;
            } else if (c == '"') {
                out.raw(b, run, p - run).raw((byte) '"');
                return p + 1;
            } else if (c == '\\') {
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
            } else {
                out.raw(b, run, p - run).escapedUtf8(b, p, 1); // a control character
                run = ++p;
            }
        }
    }
}
