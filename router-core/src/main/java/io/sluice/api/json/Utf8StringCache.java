package io.sluice.api.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code String}s of short UTF-8 values that repeat from record to record (host names, app names,
 * stream names), so that a decoder hands out the same instance instead of a new {@code String} and
 * byte array per record. Two-way set-associative by a hash of the bytes (direct-mapped, two of a
 * handful of host names sharing a slot evicted each other on every record); a miss (or a value longer
 * than {@link #MAX_LENGTH}) makes a new {@code String} and remembers it in place of the set's older
 * one. Not thread-safe: one per decoder, as decoders are one per worker thread.
 *
 * <p>The hash is Java's String hash over the bytes ({@link #hash}), whose Fibonacci-hashed top bits
 * spread families of labels that differ in a digit or two ({@code node-07}, {@code ID68}) better than
 * random (word-at-a-time hashes were tried: about random, so twice the evictions). A parser that reads a
 * value's bytes anyway (the syslog header's fields) computes it as it scans them with {@link #mix} and
 * passes it in ({@link #get(byte[], int, int, int)}): the cache then reads the bytes only to compare them.
 * 512 sets: the 172 host, app and message ids of the shared bench's S3 data overflowed 128 sets (one
 * look-up in 15 missed, a new String and encoder entry each time).
 */
public final class Utf8StringCache {
    /** Longer values are rarely repeated labels; they are decoded without caching. */
    public static final int MAX_LENGTH = 48;
    private static final int SET_BITS = 9;
    private static final int SETS = 1 << SET_BITS;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Set i is ways 2i (the newer) and 2i + 1. */
    private final byte[][] keys = new byte[2 * SETS][];
    private final String[] values = new String[2 * SETS];
    /** Each way's key's {@link #hash}: a differing hash rules a way out without reading its bytes. */
    private final int[] hashes = new int[2 * SETS];

    /** The hash of {@code b[start, end)}: each byte folded in with {@link #mix} from 0. */
    public static int hash(byte[] b, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) h = mix(h, b[i]);
        return h;
    }

    /** Folds the next byte of a value into its hash. */
    public static int mix(int h, byte b) {
        return 31 * h + b;
    }

    /** The text of the valid UTF-8 bytes {@code b[start, end)}. */
    public String get(byte[] b, int start, int end) {
        if (end - start > MAX_LENGTH) return new String(b, start, end - start, StandardCharsets.UTF_8);
        return get(b, start, end, hash(b, start, end));
    }

    /** As {@link #get(byte[], int, int)}, given the range's {@link #hash}, which the caller computed as it read the bytes. */
    public String get(byte[] b, int start, int end, int hash) {
        int n = end - start;
        if (n > MAX_LENGTH) return new String(b, start, n, StandardCharsets.UTF_8);
        int newer = ((hash * 0x9E3779B9) >>> (32 - SET_BITS)) << 1; // Fibonacci hashing: the top bits mix every byte
        if (hashes[newer] == hash && same(keys[newer], b, start, n)) return values[newer];
        if (hashes[newer + 1] == hash && same(keys[newer + 1], b, start, n)) return values[newer + 1];
        String s = new String(b, start, n, StandardCharsets.UTF_8);
        keys[newer + 1] = keys[newer];
        values[newer + 1] = values[newer];
        hashes[newer + 1] = hashes[newer];
        keys[newer] = Arrays.copyOfRange(b, start, end);
        values[newer] = s;
        hashes[newer] = hash;
        return s;
    }

    /**
     * Whether {@code key} is {@code b[start, start + n)}: eight bytes a compare, the last word overlapping
     * the one before (Arrays.equals' range checks and set-up cost more than the compare for a few bytes).
     */
    private static boolean same(byte[] key, byte[] b, int start, int n) {
        if (key == null || key.length != n) return false;
        if (n < 8) {
            for (int i = 0; i < n; i++) {
                if (key[i] != b[start + i]) return false;
            }
            return true;
        }
        int i = 0;
        for (; i < n - 8; i += 8) {
            if ((long) LONGS.get(key, i) != (long) LONGS.get(b, start + i)) return false;
        }
        return (long) LONGS.get(key, n - 8) == (long) LONGS.get(b, start + n - 8);
    }
}
