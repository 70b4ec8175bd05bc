package io.sluice.api.json;

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

    /** {@code json} is the key's bytes and then the value's quoted JSON: one copy writes both. */
    private record Entry(String text, byte[] json) {}

    /** What every value of this field is written after: its key with the punctuation around it, or nothing. */
    private final byte[] key;
    /** Set i is ways 2i (the newer) and 2i + 1. */
    private final Entry[] ways = new Entry[2 * SETS];
    /** The String last seen in each set without an entry: seen again, it gets one. */
    private final String[] seen = new String[SETS];

    /**
     * The values of one field, each written after {@code key} (its key with its punctuation, e.g.
     * {@code ,"name":}). The cache keeps the key's bytes with each value's JSON, so a value seen before
     * is one copy of both, not two (an event writes seven or eight of them on the syslog path).
     */
    public RepeatedJsonStrings(byte[] key) {
        this.key = key.clone();
    }

    /** Appends the key and then {@code "s"} with JSON escaping, as {@link JsonBytes#string} would. */
    public void write(String s, JsonBytes out) {
        write(0, s, out);
    }

    /**
     * As {@link #write(String, JsonBytes)} without the key's first {@code skip} bytes: a key given as
     * {@code ,"name":} written where the field comes first in its object ({@code skip} 1).
     */
    public void write(int skip, String s, JsonBytes out) {
        int set = set(s);
        byte[] json = cached(s, set);
        if (json != null) {
            out.raw(json, skip, json.length - skip);
        } else {
            out.raw(key, skip, key.length - skip);
            writeAndRemember(s, set, out);
        }
    }

    private static int set(String s) {
        return (s.hashCode() * 0x9E3779B9) >>> (32 - SET_BITS); // Fibonacci hashing: the top bits mix every character
    }

    /** The key and JSON kept for {@code s} in its set, or null. */
    private byte[] cached(String s, int set) {
        Entry newer = ways[2 * set];
        if (newer != null && newer.text == s) return newer.json;
        Entry older = ways[2 * set + 1];
        if (older != null && older.text == s) return older.json;
        return null;
    }

    /** Writes {@code s} escaped and keeps the key with its JSON if this is the second time its set sees it. */
    private void writeAndRemember(String s, int set, JsonBytes out) {
        int valueStart = out.length();
        out.string(s);
        if (seen[set] == s) {
            byte[] json = new byte[key.length + out.length() - valueStart];
            System.arraycopy(key, 0, json, 0, key.length);
            System.arraycopy(out.array(), valueStart, json, key.length, out.length() - valueStart);
            ways[2 * set + 1] = ways[2 * set];
            ways[2 * set] = new Entry(s, json);
        } else {
            seen[set] = s;
        }
    }
}
