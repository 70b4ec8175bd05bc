package io.sluice.api.schema;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Validation of trace and span ids, and W3C {@code traceparent} parsing. */
public final class TraceIds {
    private static final int NOT_HEX = 1;
    private static final int UPPER = 2;
    private static final int NOT_ZERO = 4;
    /** Per byte: what {@link #hexIdCase} needs to know of it. */
    private static final byte[] HEX_KIND = new byte[256];

    static {
        java.util.Arrays.fill(HEX_KIND, (byte) NOT_HEX);
        for (int c = '1'; c <= '9'; c++) HEX_KIND[c] = NOT_ZERO;
        HEX_KIND['0'] = 0;
        for (int c = 'a'; c <= 'f'; c++) HEX_KIND[c] = NOT_ZERO;
        for (int c = 'A'; c <= 'F'; c++) HEX_KIND[c] = UPPER | NOT_ZERO;
    }

    private TraceIds() {}

    /** True when the text is 1–64 hex digits and not all zeros (W3C: an all-zero id is invalid). */
    public static boolean isHexId(String s) {
        int n = s.length();
        if (n == 0 || n > 64) return false;
        boolean nonZero = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) return false;
            if (c != '0') nonZero = true;
        }
        return nonZero;
    }

    /** {@link #hexIdCase}: the bytes are no valid id. */
    public static final int NOT_AN_ID = 0;
    /** {@link #hexIdCase}: the bytes are a valid id as they are, lower case. */
    public static final int LOWER_CASE_ID = 1;
    /** {@link #hexIdCase}: the bytes are a valid id with upper-case digits, which {@link #normalizeHex} lowers. */
    public static final int UPPER_CASE_ID = 2;

    /**
     * Whether {@code b[from, to)} is 1–64 hex digits, not all zeros (then the bytes need no JSON unescaping
     * either), and in which case. The common id is checked on the record's bytes, without the JSON
     * parser's text or a check per char of a String, and a lower-case one is kept as those bytes.
     */
    public static int hexIdCase(byte[] b, int from, int to) {
        int n = to - from;
        if (n <= 0 || n > 64) return NOT_AN_ID;
        int kinds = 0;
        for (int i = from; i < to; i++) kinds |= HEX_KIND[b[i] & 0xFF];
        // one table lookup per byte instead of three range tests: this runs on every JSON event with an id
        if ((kinds & NOT_HEX) != 0 || (kinds & NOT_ZERO) == 0) return NOT_AN_ID;
        return (kinds & UPPER) != 0 ? UPPER_CASE_ID : LOWER_CASE_ID;
    }

    /**
     * The id in {@code b[from, to)} as {@link #normalizeHex} would give it when {@link #hexIdCase} finds
     * one there; null otherwise.
     */
    public static String hexIdFromBytes(byte[] b, int from, int to) {
        int idCase = hexIdCase(b, from, to);
        if (idCase == NOT_AN_ID) return null;
        String id = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        return idCase == UPPER_CASE_ID ? id.toLowerCase(Locale.ROOT) : id;
    }

    /** Lower-cases a valid hex id (ids compare case-insensitively; ECS shows them lower case). */
    public static String normalizeHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'F') return s.toLowerCase(Locale.ROOT);
        }
        return s;
    }

    /**
     * Parses {@code version-traceid-parentid-flags} (W3C Trace Context). Returns {trace id, span id}
     * or null when the header is malformed.
     */
    public static String[] parseTraceparent(String header) {
        String h = header.trim();
        if (h.length() < 55) return null;
        String[] parts = h.split("-");
        if (parts.length < 4) return null;
        if (parts[0].length() != 2 || parts[1].length() != 32 || parts[2].length() != 16 || parts[3].length() != 2) {
            return null;
        }
        if (!isHexId(parts[1]) || !isHexId(parts[2]) || parts[0].equalsIgnoreCase("ff")) return null;
        return new String[] {normalizeHex(parts[1]), normalizeHex(parts[2])};
    }
}
