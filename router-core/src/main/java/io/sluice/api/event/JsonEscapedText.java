package io.sluice.api.event;

import java.nio.charset.StandardCharsets;

/**
 * JSON string content kept as the record's escaped UTF-8 bytes (without the quotes): when it is safe
 * to copy such bytes into the output unchanged, and how to get the {@code String} back when asked.
 *
 * <p>Copying is safe only when the bytes are exactly what {@code JsonBytes.string} would write for the
 * decoded text, so that a sink sees the same output whichever way the event was filled: valid UTF-8,
 * no raw control characters, and no escapes other than the ones the encoder itself writes
 * ({@code \" \\ \n \r \t \b \f}). Content with a slash or unicode escape (backslash-slash, backslash-u) is decoded instead,
 * since the encoder would write it differently ({@code /}, the character itself, or lowercase hex).
 */
public final class JsonEscapedText {
    private JsonEscapedText() {}

    /** True when {@code b[off, off+len)} may be written between quotes in place of escaping its decoded text. */
    public static boolean isVerbatim(byte[] b, int off, int len) {
        return verbatimEnd(b, off, off + len) == off + len;
    }

    /**
     * Scans JSON string content from {@code off} (just after the opening quote) up to {@code limit}:
     * returns the offset of the closing quote when everything before it may be copied verbatim, -1 when
     * something may not (or no closing quote comes before {@code limit}, which then is the end).
     * One pass for the decoder, which needs both the end and the answer.
     */
    public static int verbatimEnd(byte[] b, int off, int limit) {
        int end = limit;
        int i = off;
        while (i < end) {
            int c = b[i];
            if (c >= 0x20) {
                if (c == '"') return i;
                if (c == '\\') {
                    if (i + 1 >= end) return -1;
                    switch (b[i + 1]) {
                        case '"', '\\', 'n', 'r', 't', 'b', 'f' -> i += 2;
                        default -> {
                            return -1;
                        }
                    }
                } else {
                    i++;
                }
            } else if (c >= 0) {
                return -1; // a raw control character: the encoder would escape it
            } else {
                int n = utf8Sequence(b, i, end);
                if (n == 0) return -1;
                i += n;
            }
        }
        return end;
    }

    /**
     * The length of the well-formed UTF-8 sequence starting at {@code i} (a lead byte), or 0 when it
     * is not one (overlong forms, surrogates and code points above U+10FFFF are not well-formed).
     */
    private static int utf8Sequence(byte[] b, int i, int end) {
        int b0 = b[i] & 0xFF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            return i + 1 < end && cont(b[i + 1]) ? 2 : 0;
        }
        if (b0 >= 0xE0 && b0 <= 0xEF) {
            if (i + 2 >= end) return 0;
            int b1 = b[i + 1] & 0xFF;
            if (b0 == 0xE0 && b1 < 0xA0) return 0; // overlong
            if (b0 == 0xED && b1 > 0x9F) return 0; // surrogate
            return cont(b[i + 1]) && cont(b[i + 2]) ? 3 : 0;
        }
        if (b0 >= 0xF0 && b0 <= 0xF4) {
            if (i + 3 >= end) return 0;
            int b1 = b[i + 1] & 0xFF;
            if (b0 == 0xF0 && b1 < 0x90) return 0; // overlong
            if (b0 == 0xF4 && b1 > 0x8F) return 0; // above U+10FFFF
            return cont(b[i + 1]) && cont(b[i + 2]) && cont(b[i + 3]) ? 4 : 0;
        }
        return 0;
    }

    private static boolean cont(byte x) {
        return (x & 0xC0) == 0x80;
    }

    /** The text of JSON string content (escaped UTF-8, no quotes); undoes every JSON escape. */
    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /** As {@link #decode(byte[])} for the content {@code b[off, off+len)}. */
    public static String decode(byte[] b, int off, int len) {
        int end = off + len;
        int first = indexOfBackslash(b, off, end);
        if (first < 0) return new String(b, off, len, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(len);
        int run = off;
        int i = first;
        while (i >= 0) {
            // A backslash (0x5C) is never part of a multi-byte UTF-8 sequence, so runs split cleanly.
            sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
            if (i + 1 >= end) {
                run = end;
                break;
            }
            byte e = b[i + 1];
            int next = i + 2;
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (i + 6 <= end) {
                        sb.append((char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.US_ASCII), 16));
                        next = i + 6;
                    }
                }
                default -> sb.append((char) e); // \" \\ \/
            }
            run = next;
            i = indexOfBackslash(b, run, end);
        }
        if (run < end) sb.append(new String(b, run, end - run, StandardCharsets.UTF_8));
        return sb.toString();
    }

    private static int indexOfBackslash(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\\') return i;
        }
        return -1;
    }
}
