package io.sluice.api.event;

/**
 * The top-level entries of an {@link Attributes} body, read from its bytes: {@code "key":value} joined by
 * commas with no space between them, every key written the one way {@code JsonBytes.string} writes it (so
 * two keys are equal exactly when their bytes are), every value valid JSON.
 *
 * <p>{@link #dropEarlier} drops the entries whose key comes again later, in one pass and one sort: the
 * last value of a key wins, at the place of the last. Looking each new key up in what was written before
 * took time in the square of the record's size (a 1 MiB JSON line holds 100,000 keys); sorting the entries
 * by key is n log n in the worst case, whatever keys a client chooses, where a hash table would need a hash
 * a client cannot collide.
 */
final class EntryBytes {
    private EntryBytes() {}

    /**
     * Moves the entries of {@code b[0, len)} whose key does not come again later to the front, in their
     * order; returns their length, or -1 when no key repeats (the bytes are then unchanged).
     */
    static int dropEarlier(byte[] b, int len) {
        int[] starts = starts(b, len);
        if (starts == null) return -1;
        int n = starts.length - 1; // the last is len + 1, where an entry after the last one would start
        if (n < 2) return -1;
        int[] byKey = new int[n];
        for (int i = 0; i < n; i++) byKey[i] = i;
        sort(b, starts, byKey, new int[n], 0, n);
        boolean[] dropped = null;
        for (int i = 0; i + 1 < n; i++) {
            // equal keys sort in their order, so an entry followed by one with its key is an earlier one
            if (compareKeys(b, starts[byKey[i]], starts[byKey[i + 1]]) == 0) {
                if (dropped == null) dropped = new boolean[n];
                dropped[byKey[i]] = true;
            }
        }
        if (dropped == null) return -1;
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (dropped[i]) continue;
            int from = starts[i];
            int entryLen = starts[i + 1] - 1 - from; // without the comma after it
            if (out > 0) b[out++] = ',';
            System.arraycopy(b, from, b, out, entryLen);
            out += entryLen;
        }
        return out;
    }

    /**
     * Removes the entries whose key is {@code key} ({@code "key":} as written, colon included); returns
     * the new length and puts the last such entry's value in {@code value[0]} (null when there was none).
     */
    static int remove(byte[] b, int len, byte[] key, int keyLen, String[] value) {
        int[] starts = starts(b, len);
        value[0] = null;
        if (starts == null) return len;
        int out = 0;
        for (int i = 0; i + 1 < starts.length; i++) {
            int from = starts[i];
            int entryLen = starts[i + 1] - 1 - from;
            if (entryLen > keyLen && java.util.Arrays.equals(b, from, from + keyLen, key, 0, keyLen)) {
                value[0] = new String(b, from + keyLen, entryLen - keyLen, java.nio.charset.StandardCharsets.UTF_8);
                continue;
            }
            if (out > 0) b[out++] = ',';
            System.arraycopy(b, from, b, out, entryLen);
            out += entryLen;
        }
        return out;
    }

    /**
     * Where each top-level entry starts (its key's opening quote), then {@code len + 1}; null when the bytes
     * are not entries as Attributes writes them. Every value put is valid JSON, but an input may copy one it
     * has only scanned (a Docker line's {@code attrs}): such bytes are left as they are, never read past.
     */
    private static int[] starts(byte[] b, int len) {
        int[] starts = new int[8];
        int n = 0;
        int i = 0;
        while (i < len) {
            if (n + 1 >= starts.length) starts = java.util.Arrays.copyOf(starts, starts.length * 2);
            starts[n++] = i;
            int keyEnd = b[i] == '"' ? stringEnd(b, i, len) : -1;
            if (keyEnd < 0 || keyEnd + 1 >= len || b[keyEnd + 1] != ':') return null;
            i = valueEnd(b, keyEnd + 2, len);
            if (i < 0 || (i < len && b[i] != ',')) return null;
            i++; // the comma
        }
        starts[n++] = len + 1;
        return java.util.Arrays.copyOf(starts, n);
    }

    /** The offset of the closing quote of the string whose opening quote is at {@code b[open]}, or -1. */
    private static int stringEnd(byte[] b, int open, int len) {
        int i = open + 1;
        while (i < len && b[i] != '"') i += b[i] == '\\' ? 2 : 1;
        return i < len ? i : -1;
    }

    /** The offset just after the value starting at {@code b[i]}, or -1 when it does not end before {@code len}. */
    private static int valueEnd(byte[] b, int i, int len) {
        if (i >= len) return -1;
        byte c = b[i];
        if (c == '"') {
            int close = stringEnd(b, i, len);
            return close < 0 ? -1 : close + 1;
        }
        if (c != '{' && c != '[') {
            while (i < len && b[i] != ',') i++;
            return i;
        }
        int depth = 0;
        for (; i < len; i++) {
            c = b[i];
            if (c == '"') {
                i = stringEnd(b, i, len);
                if (i < 0) return -1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Compares the keys of the entries starting at {@code b[x]} and {@code b[y]} (any fixed order will do). */
    private static int compareKeys(byte[] b, int x, int y) {
        // a key's bytes run to its closing quote; the byte after a backslash is part of the key, so an
        // escaped quote (\") is not its end
        for (int i = 1; ; i++) {
            byte p = b[x + i];
            byte q = b[y + i];
            if (p != q) return p == '"' ? -1 : q == '"' ? 1 : p - q;
            if (p == '"') return 0;
            if (p == '\\') {
                i++;
                if (b[x + i] != b[y + i]) return b[x + i] - b[y + i];
            }
        }
    }

    /**
     * Sorts {@code idx[from, to)} by key, equal keys in their order (a merge sort: n log n comparisons
     * whatever the keys, and stable).
     */
    private static void sort(byte[] b, int[] starts, int[] idx, int[] tmp, int from, int to) {
        if (to - from < 2) return;
        int mid = (from + to) >>> 1;
        sort(b, starts, idx, tmp, from, mid);
        sort(b, starts, idx, tmp, mid, to);
        if (compareKeys(b, starts[idx[mid - 1]], starts[idx[mid]]) <= 0) return; // already in order
        System.arraycopy(idx, from, tmp, from, to - from);
        int l = from;
        int r = mid;
        for (int k = from; k < to; k++) {
            if (r >= to || (l < mid && compareKeys(b, starts[tmp[l]], starts[tmp[r]]) <= 0)) {
                idx[k] = tmp[l++];
            } else {
                idx[k] = tmp[r++];
            }
        }
    }
}
