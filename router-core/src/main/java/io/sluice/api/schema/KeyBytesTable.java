package io.sluice.api.schema;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A key table ({@link KeyTable}, with an input's aliases) looked up by a key's UTF-8 bytes in the
 * record, so that {@link OnePassJsonReader} makes no {@code String} per key: open addressing over the
 * keys' bytes, built once per decoder. A key that is not in the table (most of a record's attributes)
 * costs its hash and, mostly, one length compare.
 */
final class KeyBytesTable {
    private final byte[][] names;
    private final String[] keys;
    private final KeyTable.Node[] nodes;
    private final int mask;

    KeyBytesTable(Map<String, KeyTable.Node> table) {
        int size = Integer.highestOneBit(Math.max(4, table.size() * 4) - 1) << 1;
        names = new byte[size][];
        keys = new String[size];
        nodes = new KeyTable.Node[size];
        mask = size - 1;
        table.forEach((key, node) -> {
            byte[] name = key.getBytes(StandardCharsets.UTF_8);
            int i = spread(stringHash(name, 0, name.length), name.length) & mask;
            while (names[i] != null) i = (i + 1) & mask;
            names[i] = name;
            keys[i] = key;
            nodes[i] = node;
        });
    }

    /**
     * The entry of the key {@code b[off, off+len)}, whose {@link #stringHash} the caller computed while
     * scanning it, or -1 when the table does not hold it.
     */
    int find(byte[] b, int off, int len, int stringHash) {
        int i = spread(stringHash, len) & mask;
        byte[] name;
        while ((name = names[i]) != null) {
            if (name.length == len && same(name, b, off)) return i;
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** The key of entry {@code i}, as a (shared) {@code String}. */
    String key(int i) {
        return keys[i];
    }

    KeyTable.Node node(int i) {
        return nodes[i];
    }

    /** {@code String.hashCode} over the bytes (signed): a key's own hash when it is ASCII. */
    static int stringHash(byte[] b, int off, int len) {
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) h = 31 * h + b[i];
        return h;
    }

    private static int spread(int stringHash, int len) {
        int h = stringHash ^ len * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** A loop, not Arrays.equals: keys are a few bytes, where its range checks cost more than the compare. */
    private static boolean same(byte[] name, byte[] b, int off) {
        for (int i = 0; i < name.length; i++) {
            if (name[i] != b[off + i]) return false;
        }
        return true;
    }
}
