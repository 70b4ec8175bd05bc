package io.sluice.api.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code String}s of short UTF-8 values that repeat from record to record (host names, app names,
 * stream names), so that a decoder hands out the same instance instead of a new {@code String} and
 * byte array per record. Two-way set-associative by a hash of the bytes (direct-mapped, two of a
 * handful of host names sharing a slot evicted each other on every record); a miss (or a value longer
 * than {@link #MAX_LENGTH}) makes a new {@code String} and remembers it in place of the set's older
 * one. Not thread-safe: one per decoder, as decoders are one per worker thread.
 */
public final class Utf8StringCache {
    /** Longer values are rarely repeated labels; they are decoded without caching. */
    public static final int MAX_LENGTH = 48;
    private static final int SET_BITS = 7;
    private static final int SETS = 1 << SET_BITS;

    /** Set i is ways 2i (the newer) and 2i + 1. */
    private final byte[][] keys = new byte[2 * SETS][];
    private final String[] values = new String[2 * SETS];

    /** The text of the valid UTF-8 bytes {@code b[start, end)}. */
    public String get(byte[] b, int start, int end) {
        int n = end - start;
        if (n > MAX_LENGTH) return new String(b, start, n, StandardCharsets.UTF_8);
        int h = n;
        for (int i = start; i < end; i++) h = 31 * h + b[i];
        int newer = ((h * 0x9E3779B9) >>> (32 - SET_BITS)) << 1; // Fibonacci hashing: the top bits mix every byte
        byte[] key = keys[newer];
        if (key != null && key.length == n && same(key, b, start)) return values[newer];
        key = keys[newer + 1];
        if (key != null && key.length == n && same(key, b, start)) return values[newer + 1];
        String s = new String(b, start, n, StandardCharsets.UTF_8);
        keys[newer + 1] = keys[newer];
        values[newer + 1] = values[newer];
        keys[newer] = Arrays.copyOfRange(b, start, end);
        values[newer] = s;
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
