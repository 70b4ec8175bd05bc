package io.sluice.api.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code String}s of short UTF-8 values that repeat from record to record (host names, app names,
 * stream names), so that a decoder hands out the same instance instead of a new {@code String} and
 * byte array per record. Direct-mapped by a hash of the bytes; a miss (or a value longer than
 * {@link #MAX_LENGTH}) makes a new {@code String} and remembers it. Not thread-safe: one per decoder,
 * as decoders are one per worker thread.
 */
public final class Utf8StringCache {
    /** Longer values are rarely repeated labels; they are decoded without caching. */
    public static final int MAX_LENGTH = 48;
    private static final int SLOTS = 256; // a power of two

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /** The text of the valid UTF-8 bytes {@code b[start, end)}. */
    public String get(byte[] b, int start, int end) {
        int n = end - start;
        if (n > MAX_LENGTH) return new String(b, start, n, StandardCharsets.UTF_8);
        int h = n;
        for (int i = start; i < end; i++) h = 31 * h + b[i];
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && key.length == n && same(key, b, start)) return values[slot];
        String s = new String(b, start, n, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(b, start, end);
        values[slot] = s;
        return s;
    }

    /** A loop, not Arrays.equals: values are a few bytes, where its range checks and set-up cost more than the compare. */
    private static boolean same(byte[] key, byte[] b, int start) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] != b[start + i]) return false;
        }
        return true;
    }
}
