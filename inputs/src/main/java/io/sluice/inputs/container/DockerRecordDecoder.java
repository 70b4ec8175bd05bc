package io.sluice.inputs.container;

import io.sluice.api.event.LogEvent;
import io.sluice.api.json.Utf8;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Timestamps;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * Decodes a Docker json-file record (joined by {@link DockerAssembler} when it was split) with a
 * byte scanner: {@code log} is unescaped into a reused buffer, its final {@code \n} dropped, and the
 * text normalized; {@code stream} and {@code time} come from the record, {@code attrs} goes to
 * attributes. A record without a string {@code log} or a readable {@code time} is not Docker's and
 * is passed on raw.
 */
final class DockerRecordDecoder implements RecordDecoder {
    private final InnerText inner;
    private byte[] text = new byte[1024];
    private int logStart;
    private int logEnd;
    private int streamStart;
    private int streamEnd;
    private int timeStart;
    private int timeEnd;
    private int attrsStart;
    private int attrsEnd;
    /** Set by {@link #unescape}: the log content is its text's own JSON form. */
    private boolean verbatim;

    DockerRecordDecoder(DecodeOptions options) {
        this.inner = new InnerText(options);
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        String problem = scan(b, off, off + len);
        long time = LogEvent.NO_TIME;
        if (problem == null) {
            time = Timestamps.parse(b, timeStart, timeEnd - timeStart, ZoneOffset.UTC);
            if (time == LogEvent.NO_TIME) problem = "unreadable time";
        }
        int n = problem == null ? unescape(b, logStart, logEnd) : -1;
        if (problem == null && n < 0) problem = "bad escape in log";
        if (problem != null) {
            inner.failed(b, off, len, event, "not a Docker json-file record: " + problem);
            return;
        }
        int escapedEnd = logEnd;
        if (n > 0 && text[n - 1] == '\n') {
            n--;
            escapedEnd = DockerJson.endsWithNewline(b, logStart, logEnd) ? logEnd - 2 : -1;
        }
        String stream = streamStart < 0 ? null : streamName(b, streamStart, streamEnd);
        inner.decode(text, 0, n, stream, time, event);
        if (verbatim && escapedEnd >= 0 && event.messageTextIn(text, 0, n)) {
            // the message is the whole line, whose escaped form is in the record: kept as those bytes, not copied
            event.messageRaw(b, logStart, escapedEnd - logStart);
        }
        if (attrsStart >= 0) event.attributesOrCreate().putRawJson("attrs", b, attrsStart, attrsEnd - attrsStart);
    }

    /** Finds the fields; returns null when the record is a JSON object with a string log and a string time. */
    private String scan(byte[] b, int off, int end) {
        logStart = streamStart = timeStart = attrsStart = -1;
        int p = DockerJson.skipWs(b, off, end);
        if (p >= end || b[p] != '{') return "not a JSON object";
        p = DockerJson.skipWs(b, p + 1, end);
        if (p < end && b[p] == '}') {
            p++;
        } else {
            while (true) {
                if (p >= end || b[p] != '"') return "expected a key";
                int ke = DockerJson.stringEnd(b, p + 1, end);
                if (ke < 0) return "unterminated key";
                int ks = p + 1;
                p = DockerJson.skipWs(b, ke + 1, end);
                if (p >= end || b[p] != ':') return "expected ':'";
                int vs = DockerJson.skipWs(b, p + 1, end);
                int ve = valueEnd(b, vs, end);
                if (ve < 0) return "bad value";
                boolean isString = b[vs] == '"';
                if (key(b, ks, ke, "log")) {
                    if (!isString) return "log is not a string";
                    logStart = vs + 1;
                    logEnd = ve - 1;
                } else if (key(b, ks, ke, "stream") && isString) {
                    streamStart = vs + 1;
                    streamEnd = ve - 1;
                } else if (key(b, ks, ke, "time")) {
                    if (!isString) return "time is not a string";
                    timeStart = vs + 1;
                    timeEnd = ve - 1;
                } else if (key(b, ks, ke, "attrs")) {
                    attrsStart = vs;
                    attrsEnd = ve;
                }
                p = DockerJson.skipWs(b, ve, end);
                if (p < end && b[p] == ',') {
                    p = DockerJson.skipWs(b, p + 1, end);
                    continue;
                }
                if (p < end && b[p] == '}') {
                    p++;
                    break;
                }
                return "expected ',' or '}'";
            }
        }
        if (DockerJson.skipWs(b, p, end) != end) return "text after the object";
        if (logStart < 0) return "no log field";
        if (timeStart < 0) return "no time field";
        return null;
    }

    /** Docker's two stream names are constants, so no String is made per record for them. */
    private static String streamName(byte[] b, int from, int to) {
        if (key(b, from, to, "stdout")) return "stdout";
        if (key(b, from, to, "stderr")) return "stderr";
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean key(byte[] b, int from, int to, String name) {
        if (to - from != name.length()) return false;
        for (int i = 0; i < name.length(); i++) {
            if (b[from + i] != name.charAt(i)) return false;
        }
        return true;
    }

    /** Index just after the JSON value starting at {@code p}, or -1. */
    private static int valueEnd(byte[] b, int p, int end) {
        if (p >= end) return -1;
        byte c = b[p];
        if (c == '"') {
            int q = DockerJson.stringEnd(b, p + 1, end);
            return q < 0 ? -1 : q + 1;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            for (int i = p; i < end; i++) {
                byte x = b[i];
                if (x == '"') {
                    i = DockerJson.stringEnd(b, i + 1, end);
                    if (i < 0) return -1;
                } else if (x == '{' || x == '[') {
                    depth++;
                } else if (x == '}' || x == ']') {
                    if (--depth == 0) return i + 1;
                }
            }
            return -1;
        }
        int i = p;
        while (i < end && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ') i++;
        return i == p ? -1 : i;
    }

    /**
     * Unescapes JSON string content into {@link #text} as UTF-8; returns its length, or -1 on a bad escape.
     * Sets {@link #verbatim} when the escaped content may be written out in place of escaping the text
     * (as {@link io.sluice.api.event.JsonEscapedText#isVerbatim} decides, found in the same pass).
     */
    private int unescape(byte[] b, int from, int to) {
        if (text.length < to - from) text = new byte[Math.max(to - from, text.length * 2)];
        int n = 0;
        verbatim = true;
        boolean nonAscii = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != '\\') {
                text[n++] = c;
                if (c < 0x20) { // a raw control character (never verbatim) or a byte of a multi-byte character
                    if (c >= 0) verbatim = false;
                    else nonAscii = true;
                }
                continue;
            }
            if (++i >= to) return -1;
            switch (b[i]) {
                case '"' -> text[n++] = '"';
                case '\\' -> text[n++] = '\\';
                case '/' -> {
                    text[n++] = '/';
                    verbatim = false; // the encoder writes a plain slash
                }
                case 'b' -> text[n++] = '\b';
                case 'f' -> text[n++] = '\f';
                case 'n' -> text[n++] = '\n';
                case 'r' -> text[n++] = '\r';
                case 't' -> text[n++] = '\t';
                case 'u' -> {
                    verbatim = false; // the encoder writes the character itself (or lowercase hex)
                    int cp = hex4(b, i + 1, to);
                    if (cp < 0) return -1;
                    i += 4;
                    if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < to && b[i + 1] == '\\' && b[i + 2] == 'u') {
                        int low = hex4(b, i + 3, to);
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                            i += 6;
                        }
                    }
                    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD; // a lone surrogate
                    n = utf8(cp, n);
                }
                default -> {
                    return -1;
                }
            }
        }
        if (verbatim && nonAscii) verbatim = Utf8.isValid(b, from, to - from); // escapes are ASCII: same answer
        return n;
    }

    private int utf8(int cp, int n) {
        // an escape is at least 6 bytes and encodes to at most 4, so text has room
        if (cp < 0x80) {
            text[n++] = (byte) cp;
        } else if (cp < 0x800) {
            text[n++] = (byte) (0xC0 | cp >> 6);
            text[n++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            text[n++] = (byte) (0xE0 | cp >> 12);
            text[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            text[n++] = (byte) (0x80 | cp & 0x3F);
        } else {
            text[n++] = (byte) (0xF0 | cp >> 18);
            text[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
            text[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            text[n++] = (byte) (0x80 | cp & 0x3F);
        }
        return n;
    }

    private static int hex4(byte[] b, int p, int to) {
        if (p + 4 > to) return -1;
        int v = 0;
        for (int i = p; i < p + 4; i++) {
            int d = Character.digit(b[i], 16);
            if (d < 0) return -1;
            v = v << 4 | d;
        }
        return v;
    }
}
