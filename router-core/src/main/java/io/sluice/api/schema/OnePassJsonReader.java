package io.sluice.api.schema;

import io.sluice.api.event.Attributes;
import io.sluice.api.json.Utf8StringCache;

import java.nio.charset.StandardCharsets;

/**
 * Reads the common JSON record in one pass over its bytes, without Jackson: a flat object whose keys
 * need no unescaping, whose values are copied through as slices or fill schema fields from the bytes.
 * Jackson's tokens, its key canonicalization, a {@code HashMap} probe per key and the {@code String}s of
 * the fields' texts were three quarters of a JSON event's worker time (JFR, session 7).
 *
 * <p>{@link JsonRecordDecoder}'s Jackson path stays the reference: whatever this reader is not sure
 * of, it leaves to that path by answering false (nothing is written to the event before the whole record
 * is read): invalid JSON (so the failure is Jackson's message, as before), an escape in a key, an
 * object under a key whose table reads it (a container such as {@code error} or {@code mdc}), an
 * escaped text a field needs, a number beyond a long, deep nesting, very long tokens, the rare slots.
 * So it only accepts records Jackson accepts, and gives the same fields for them.
 *
 * <p>One per decoder (per worker thread), like the decoder's reused fields.
 */
final class OnePassJsonReader {
    static final int STRING = 1;
    static final int INT = 2;
    static final int FLOAT = 3;
    static final int LITERAL = 4;
    static final int CONTAINER = 5;

    /** Deeper values are left to Jackson (whose own limit is far deeper): keeps the recursion shallow. */
    private static final int MAX_DEPTH = 64;
    /** Longer numbers are left to Jackson, which enforces its own number-length limit on them. */
    private static final int MAX_NUMBER_CHARS = 200;
    /** Longer keys and strings are left to Jackson, which enforces its own length limits on them. */
    private static final int MAX_STRING_BYTES = 1 << 20;

    /** Per byte: 1 for what ends a string's run of plain bytes (a quote, a backslash, a control character). */
    private static final boolean[] STRING_STOP = new boolean[256];

    static {
        for (int c = 0; c < 0x20; c++) STRING_STOP[c] = true;
        STRING_STOP['"'] = true;
        STRING_STOP['\\'] = true;
    }

    private final KeyBytesTable keys;
    private final Utf8StringCache texts = new Utf8StringCache();
    /** Set by {@link #key}: {@link KeyBytesTable#stringHash} of the key just scanned. */
    private int keyHash;
    /** Set by {@link #key}: the key just scanned is all ASCII. */
    private boolean keyAscii;
    /** Set by {@link #string}: the string just scanned holds a backslash escape. */
    private boolean escaped;
    /** Set by {@link #string}: the string just scanned is all ASCII. */
    private boolean ascii;
    /** Set by {@link #number}: the number just scanned has a fraction or exponent. */
    private boolean fraction;

    OnePassJsonReader(KeyBytesTable keys) {
        this.keys = keys;
    }

    /**
     * Reads the object starting at {@code b[open]} (a '{') up to {@code end} into {@code f}; false when
     * the record is for Jackson's path ({@code f} is then half-filled: the caller clears it). {@code stable}:
     * {@code b} stays unchanged for as long as the event lives, so its attributes may be a slice of it.
     */
    boolean read(byte[] b, int open, int end, RecordFields f, boolean stable) {
        Attributes rest = null;
        // the values no field takes, while they are one run of the record exactly as Attributes writes
        // them ("key":value joined by commas, no key twice): kept as that slice, copied only if the run breaks
        int runStart = -1;
        int runEnd = -1;
        long runKeys = 0;
        int i = ws(b, open + 1, end);
        if (i < end && b[i] == '}') {
            i++;
        } else {
            while (true) {
                if (i >= end || b[i] != '"') return false;
                int keyStart = i + 1;
                int keyClose = key(b, i, end);
                if (keyClose < 0) return false;
                int keyHash = this.keyHash;
                boolean keyAscii = this.keyAscii;
                i = ws(b, keyClose + 1, end);
                if (i >= end || b[i] != ':') return false;
                int start = ws(b, i + 1, end);
                int stop;
                int type;
                if (start >= end) return false;
                byte c = b[start];
                if (c == '"') {
                    stop = string(b, start, end);
                    type = STRING;
                } else if (c == '{' || c == '[') {
                    stop = container(b, start, end, 1);
                    type = CONTAINER;
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    stop = number(b, start, end);
                    type = fraction ? FLOAT : INT;
                } else {
                    stop = literal(b, start, end);
                    type = LITERAL;
                }
                if (stop < 0) return false;
                int entry = keys.find(b, keyStart, keyClose - keyStart, keyHash);
                boolean taken = false;
                if (entry >= 0) {
                    KeyTable.Node node = keys.node(entry);
                    if (type == CONTAINER && node.keys != null) return false; // a container Jackson's path reads
                    if (node.slot != null) {
                        int r = f.takeScanned(node.slot, keys.key(entry), type, type == STRING && escaped, type == STRING && !escaped && ascii,
                                b, start, stop, texts);
                        if (r == RecordFields.NEEDS_PARSER) return false;
                        taken = r == RecordFields.TAKEN;
                    }
                }
                if (!taken) {
                    long keyBit = rest == null && keyAscii ? runKeyBit(b, keyStart, keyClose, start, keyHash, runStart, runEnd, runKeys) : 0;
                    if (keyBit != 0) {
                        if (runStart < 0) runStart = keyStart - 1;
                        runEnd = stop;
                        runKeys |= keyBit;
                    } else {
                        if (rest == null) {
                            rest = runStart < 0 ? new Attributes() : Attributes.copyOfRecord(b, runStart, runEnd - runStart, runKeys);
                        }
                        keep(rest, b, keyStart, keyClose, start, stop);
                    }
                }
                i = ws(b, stop, end);
                if (i >= end) return false;
                if (b[i] == '}') {
                    i++;
                    break;
                }
                if (b[i] != ',') return false;
                i = ws(b, i + 1, end);
            }
        }
        // only white space may follow the object (Jackson's path says what else would be wrong)
        if (ws(b, i, end) != end) return false;
        if (rest == null && runStart >= 0) {
            int n = runEnd - runStart;
            rest = stable ? Attributes.ofRecord(b, runStart, n, runKeys) : Attributes.copyOfRecord(b, runStart, n, runKeys);
        }
        f.attributes = rest;
        return true;
    }

    /**
     * The ASCII key's {@link Attributes#keyBit} (from its {@code String.hashCode}) when the entry
     * {@code "key":value} (value at {@code start}) continues the run {@code b[runStart, runEnd)} (or starts
     * one): no space around the colon, one comma after the run, a key bit not yet in it (so no key twice);
     * 0 when it does not.
     */
    private static long runKeyBit(byte[] b, int keyStart, int keyClose, int start, int keyHash,
                                  int runStart, int runEnd, long runKeys) {
        if (start != keyClose + 2 || (runStart >= 0 && (keyStart - 2 != runEnd || b[runEnd] != ','))) return 0;
        long bit = Attributes.keyBitOfHash(keyHash);
        return (runKeys & bit) != 0 ? 0 : bit;
    }

    /** Keeps a value no field took under its key, both copied as the record's bytes. */
    private static void keep(Attributes rest, byte[] b, int keyStart, int keyClose, int start, int stop) {
        for (int k = keyStart; k < keyClose; k++) {
            if (b[k] < 0) { // a non-ASCII key: its String, as Jackson's path gives it
                rest.putRawJson(new String(b, keyStart, keyClose - keyStart, StandardCharsets.UTF_8), b, start, stop - start);
                return;
            }
        }
        rest.putRawJson(b, keyStart, keyClose - keyStart, b, start, stop - start);
    }

    private static int ws(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
            i++;
        }
        return i;
    }

    /**
     * Scans the string whose opening quote is at {@code b[open]}: the offset after its closing quote, or
     * -1 when it is not one Jackson accepts (a raw control character, an unknown escape) or too long.
     * Sets {@link #escaped} and {@link #ascii}. The bytes are valid UTF-8 already (the pipeline repairs
     * them first). Reading eight bytes at a time (as {@code Utf8.isValid} does) was measured slower here:
     * a record's strings are short (4–40 bytes in S1), and the tail of each is read twice.
     */
    private int string(byte[] b, int open, int end) {
        boolean esc = false;
        int high = 0;
        int limit = Math.min(end, open + 1 + MAX_STRING_BYTES);
        int i = open + 1;
        while (true) {
            int c = 0;
            while (i < limit && !STRING_STOP[c = b[i] & 0xFF]) {
                high |= c;
                i++;
            }
            if (i >= limit) return -1;
            if (c == '"') {
                escaped = esc;
                ascii = (high & 0x80) == 0;
                return i + 1;
            } else if (c == '\\' && i + 1 < limit) {
                esc = true;
                switch (b[i + 1]) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
                    case 'u' -> {
                        if (i + 5 >= limit || !hex(b[i + 2]) || !hex(b[i + 3]) || !hex(b[i + 4]) || !hex(b[i + 5])) return -1;
                        i += 6;
                    }
                    default -> {
                        return -1;
                    }
                }
            } else {
                return -1;
            }
        }
    }

    /**
     * Scans the key whose opening quote is at {@code b[open]}, hashing it on the way (the table lookup and
     * the attributes' duplicate filter need its hash; a second pass over every key was 6% of S1's worker):
     * the offset of its closing quote, or -1 when it holds an escape or a control character (both for
     * Jackson's path) or is too long. Sets {@link #keyHash} and {@link #keyAscii}.
     */
    private int key(byte[] b, int open, int end) {
        int limit = Math.min(end, open + 1 + MAX_STRING_BYTES);
        int h = 0;
        int high = 0;
        for (int i = open + 1; i < limit; i++) {
            byte c = b[i];
            if (STRING_STOP[c & 0xFF]) {
                if (c != '"') return -1;
                keyHash = h;
                keyAscii = high >= 0;
                return i;
            }
            h = 31 * h + c; // KeyBytesTable.stringHash
            high |= c;
        }
        return -1;
    }

    private static boolean hex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Scans a JSON number (RFC 8259's grammar, as Jackson accepts by default); -1 when it is not one. Sets {@link #fraction}. */
    private int number(byte[] b, int start, int end) {
        int i = start;
        if (b[i] == '-') i++;
        if (i >= end) return -1;
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            while (i < end && b[i] >= '0' && b[i] <= '9') i++;
        } else {
            return -1;
        }
        boolean frac = false;
        if (i < end && b[i] == '.') {
            frac = true;
            int digits = ++i;
            while (i < end && b[i] >= '0' && b[i] <= '9') i++;
            if (i == digits) return -1;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            frac = true;
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) i++;
            int digits = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') i++;
            if (i == digits) return -1;
        }
        if (i - start > MAX_NUMBER_CHARS) return -1;
        fraction = frac;
        return i;
    }

    private static int literal(byte[] b, int start, int end) {
        if (matches(b, start, end, "true")) return start + 4;
        if (matches(b, start, end, "false")) return start + 5;
        if (matches(b, start, end, "null")) return start + 4;
        return -1;
    }

    private static boolean matches(byte[] b, int start, int end, String word) {
        if (end - start < word.length()) return false;
        for (int k = 0; k < word.length(); k++) {
            if (b[start + k] != word.charAt(k)) return false;
        }
        return true;
    }

    /** Scans the object or array opening at {@code b[open]}: the offset after its close, or -1. */
    private int container(byte[] b, int open, int end, int depth) {
        if (depth > MAX_DEPTH) return -1;
        boolean object = b[open] == '{';
        byte close = object ? (byte) '}' : (byte) ']';
        int i = ws(b, open + 1, end);
        if (i < end && b[i] == close) return i + 1;
        while (true) {
            if (object) {
                if (i >= end || b[i] != '"') return -1;
                i = string(b, i, end);
                if (i < 0) return -1;
                i = ws(b, i, end);
                if (i >= end || b[i] != ':') return -1;
                i = ws(b, i + 1, end);
            }
            if (i >= end) return -1;
            byte c = b[i];
            if (c == '"') {
                i = string(b, i, end);
            } else if (c == '{' || c == '[') {
                i = container(b, i, end, depth + 1);
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                i = number(b, i, end);
            } else {
                i = literal(b, i, end);
            }
            if (i < 0) return -1;
            i = ws(b, i, end);
            if (i >= end) return -1;
            if (b[i] == close) return i + 1;
            if (b[i] != ',') return -1;
            i = ws(b, i + 1, end);
        }
    }

    static boolean isScalar(int type) {
        return type != CONTAINER;
    }

    /** Whether the integer in {@code [start, end)} surely fits a long (18 digits do; longer ones are Jackson's). */
    static boolean fitsLong(int start, int end) {
        return end - start <= 18;
    }

    /** The integer in {@code b[start, end)}, which {@link #fitsLong} accepted. */
    static long parseLong(byte[] b, int start, int end) {
        boolean negative = b[start] == '-';
        long n = 0;
        for (int i = negative ? start + 1 : start; i < end; i++) n = n * 10 + (b[i] - '0');
        return negative ? -n : n;
    }
}
