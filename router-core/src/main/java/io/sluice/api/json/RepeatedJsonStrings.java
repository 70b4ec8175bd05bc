package io.sluice.api.json;

import java.util.Arrays;

/**
 * The quoted, escaped JSON of {@code String}s that come back as the same instance event after event
 * (host, service and app names, input types: decoders hand them out from a {@link Utf8StringCache} or
 * as constants), so that writing one is a copy of a few bytes instead of {@link JsonBytes#string}'s
 * check of every character. Keyed by identity, which a String's immutability makes safe: the same
 * instance always has the same JSON.
 *
 * <p>Two-way set-associative by the String's (cached) hash: two values that share a set both keep
 * their JSON (direct-mapped, a pair of host names in one slot evicted each other and made an array
 * every few events). A String gets its JSON kept only the second time it is seen in its set, so a
 * value that never repeats costs one reference store, not an array. Safe to share between threads: a
 * way holds an immutable {@link Entry}, and a lost or stale write is only a miss.
 *
 * <p>512 sets, as {@link Utf8StringCache} has: the 173 repeated strings of the shared bench's S3 data
 * (hosts, apps, MSGIDs, the input type) overflowed 128.
 */
public final class RepeatedJsonStrings {
    private static final int SET_BITS = 9;
    private static final int SETS = 1 << SET_BITS;

    private record Entry(String text, byte[] json) {}

    /** Set i is ways 2i (the newer) and 2i + 1. */
    private final Entry[] ways = new Entry[2 * SETS];
    /** The String last seen in each set without an entry: seen again, it gets one. */
    private final String[] seen = new String[SETS];

    /** Appends {@code "s"} with JSON escaping, as {@link JsonBytes#string} would. */
    public void write(String s, JsonBytes out) {
        write(NO_KEY, s, out);
    }

    private static final byte[] NO_KEY = {};

    /**
     * Appends {@code before} (a key with its punctuation) and then {@code "s"}, as {@link #write(String,
     * JsonBytes)}: a cached value is written with the key in one {@link JsonBytes#raw(byte[], byte[])},
     * one bounds check for both.
     */
    public void write(byte[] before, String s, JsonBytes out) {
        int set = set(s);
        byte[] json = cached(s, set);
        if (json != null) {
            out.raw(before, json);
        } else {
            out.raw(before);
            writeAndRemember(s, set, out);
        }
    }

    private static int set(String s) {
        return (s.hashCode() * 0x9E3779B9) >>> (32 - SET_BITS); // Fibonacci hashing: the top bits mix every character
    }

    /** The JSON kept for {@code s} in its set, or null. */
    private byte[] cached(String s, int set) {
        Entry newer = ways[2 * set];
        if (newer != null && newer.text == s) return newer.json;
        Entry older = ways[2 * set + 1];
        if (older != null && older.text == s) return older.json;
        return null;
    }

    /** Writes {@code s} escaped and keeps its JSON if this is the second time its set sees it. */
    private void writeAndRemember(String s, int set, JsonBytes out) {
        int start = out.length();
        out.string(s);
        if (seen[set] == s) {
            ways[2 * set + 1] = ways[2 * set];
            ways[2 * set] = new Entry(s, Arrays.copyOfRange(out.array(), start, out.length()));
        } else {
            seen[set] = s;
        }
    }
}
