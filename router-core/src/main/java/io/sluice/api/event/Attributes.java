package io.sluice.api.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.api.json.JsonBytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code attributes} object of schema v1: every field of a structured record that no schema field
 * took. Values are kept as JSON text, so a value read from JSON input is copied as its original bytes
 * (nested objects and arrays included) instead of being decoded and encoded again.
 */
public final class Attributes {
    /**
     * Jackson for the rare readers ({@link #keys()}), created on first use: an
     * ObjectMapper costs tens of milliseconds of start-up (some hundred classes), and the decoding path
     * and the daemon's own log lines, which create attributes from the first event on, never need it.
     */
    private static final class Json {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    }

    /** The entries, comma-separated, without the braces; null while they are {@link #record}'s bytes. */
    private JsonBytes body;
    /**
     * The entries as a slice {@code record[recordOff, recordOff+recordLen)} of a record that its owner
     * keeps unchanged for as long as the event lives ({@link #ofRecord}); copied into {@link #body}
     * before the first change. A JSON record's unknown fields are often one run of it, which so costs
     * the event no copy and no buffer (a third of the bytes an S1 event allocated).
     */
    private byte[] record;
    private int recordOff;
    private int recordLen;
    /** One bit per key hash (mod 64) put so far: a clear bit proves a key is new. */
    private long keyHashes;
    /**
     * A key was put whose bit was set already: it may have been put before, and the earlier entry is
     * dropped before the entries are next read ({@link #settled}). Dropping it then, once for the whole
     * record, keeps a record with many keys linear; looking for the key at every put made it quadratic.
     */
    private boolean maybeDuplicates;

    public Attributes() {
        body = new JsonBytes(64);
    }

    private Attributes(byte[] record, int off, int len, long keyHashes) {
        this.record = record;
        this.recordOff = off;
        this.recordLen = len;
        this.keyHashes = keyHashes;
    }

    /**
     * Attributes whose entries are {@code record[off, off+len)} exactly as {@link #putRawJson(byte[], int,
     * int, byte[], int, int)} would write them ({@code "key":value} joined by commas, no key twice), kept
     * where they are: the caller's array must stay unchanged for as long as the attributes live.
     * {@code keyHashes} is the OR of {@link #keyBit} of the keys.
     */
    public static Attributes ofRecord(byte[] record, int off, int len, long keyHashes) {
        return new Attributes(record, off, len, keyHashes);
    }

    /** {@link #ofRecord} but copied: for an array its owner reuses. */
    public static Attributes copyOfRecord(byte[] record, int off, int len, long keyHashes) {
        Attributes a = new Attributes(record, off, len, keyHashes);
        a.body();
        return a;
    }

    /**
     * The duplicate filter's bit of a key given as ASCII bytes (String.hashCode of ASCII text, so the
     * filter agrees with keys put as Strings).
     */
    public static long keyBit(byte[] key, int off, int len) {
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) h = 31 * h + key[i];
        return keyBitOfHash(h);
    }

    /** The duplicate filter's bit of a key whose {@code String.hashCode} is {@code hash}. */
    public static long keyBitOfHash(int hash) {
        return 1L << (hash & 63);
    }

    /** The body to write to: the slice of the record copied first. */
    private JsonBytes body() {
        JsonBytes b = body;
        if (b == null) {
            b = new JsonBytes(recordLen + 64);
            b.raw(record, recordOff, recordLen);
            body = b;
            record = null;
        }
        return b;
    }

    private byte[] array() {
        return body == null ? record : body.array();
    }

    /**
     * Drops the entries of keys put again later, if any may be: the last value of a key wins, at the place
     * of the last (Elasticsearch refuses a document with a key twice). Every reader of the entries calls
     * this first. Values stay as they were written, nested duplicates included.
     */
    private void settled() {
        if (!maybeDuplicates) return;
        maybeDuplicates = false;
        JsonBytes b = body();
        int len = EntryBytes.dropEarlier(b.array(), b.length());
        if (len >= 0) b.setLength(len);
    }

    private int offset() {
        return body == null ? recordOff : 0;
    }

    private int length() {
        return body == null ? recordLen : body.length();
    }

    public boolean isEmpty() {
        return length() == 0; // dropping duplicates never empties them
    }

    /**
     * The keys in insertion order, read from the JSON when asked: used by routes, transforms and tests,
     * not on the decoding path, which so keeps no list per event.
     */
    public List<String> keys() {
        if (isEmpty()) return List.of();
        settled();
        List<String> keys = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(toJson())) {
            p.nextToken(); // the object
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("attributes are not valid JSON: " + e.getMessage(), e);
        }
        return keys;
    }

    private void startEntry(String key) {
        // a key seen before (a record with a duplicate key): the last one wins, as Elasticsearch refuses
        // a document with a key twice. A 64-bit filter of key hashes keeps the usual case free of any
        // check; a set bit (a duplicate, or a mere hash collision: one record in several with a handful
        // of keys) leaves the check to settled().
        long bit = keyBitOfHash(key.hashCode());
        if ((keyHashes & bit) != 0) maybeDuplicates = true;
        keyHashes |= bit;
        JsonBytes body = body();
        if (body.length() > 0) body.raw((byte) ',');
        body.string(key).raw((byte) ':');
    }

    /** Adds a value that is already a complete JSON value in UTF-8 (an object, array, string, number...). */
    public void putRawJson(String key, byte[] src, int off, int len) {
        startEntry(key);
        body().raw(src, off, len);
    }

    /**
     * {@link #putRawJson(String, byte[], int, int)} with the key given as the bytes of a JSON string's
     * content that are their own escaped form: printable ASCII without a quote or backslash (the
     * decoder's one-pass reader checks that), so no {@code String} is made for a key that is only copied.
     */
    public void putRawJson(byte[] keySrc, int keyOff, int keyLen, byte[] src, int off, int len) {
        long bit = keyBit(keySrc, keyOff, keyLen);
        if ((keyHashes & bit) != 0) maybeDuplicates = true;
        keyHashes |= bit;
        JsonBytes body = body();
        if (body.length() > 0) body.raw((byte) ',');
        body.raw((byte) '"').raw(keySrc, keyOff, keyLen).raw((byte) '"').raw((byte) ':');
        body.raw(src, off, len);
    }

    public void putString(String key, String value) {
        startEntry(key);
        body().string(value);
    }

    public void putLong(String key, long value) {
        startEntry(key);
        body().number(value);
    }

    /** Adds an object of string values (e.g. a syslog SD element when kept as attributes). */
    public void putStringMap(String key, java.util.Map<String, String> values) {
        startEntry(key);
        JsonBytes body = body();
        body.raw((byte) '{');
        boolean first = true;
        for (var e : values.entrySet()) {
            if (!first) body.raw((byte) ',');
            first = false;
            body.string(e.getKey()).raw((byte) ':').string(e.getValue());
        }
        body.raw((byte) '}');
    }

    /** Adds {@code nested} as an object under {@code key} (what a container of the record kept). */
    public void putObject(String key, Attributes nested) {
        startEntry(key);
        nested.writeObject(body());
    }

    /** Appends every entry of {@code other}. */
    public void putAll(Attributes other) {
        if (other.isEmpty()) return;
        settled(); // the keys of both are not checked against each other, as before
        other.settled();
        JsonBytes body = body();
        if (body.length() > 0) body.raw((byte) ',');
        body.raw(other.array(), other.offset(), other.length());
        keyHashes |= other.keyHashes;
    }

    /**
     * Removes a top-level key; returns its value's JSON text, or null when absent. Copies every other
     * entry, so it is for transforms such as {@code remap}, not the decoding path.
     */
    public String remove(String key) {
        settled();
        JsonBytes probe = new JsonBytes(key.length() + 8);
        probe.string(key).raw((byte) ':');
        JsonBytes body = body();
        String[] value = new String[1];
        body.setLength(EntryBytes.remove(body.array(), body.length(), probe.array(), probe.length(), value));
        return value[0];
    }

    /** Writes {@code {...}} to the output. */
    public void writeObject(JsonBytes out) {
        settled();
        out.raw((byte) '{').raw(array(), offset(), length()).raw((byte) '}');
    }

    /** The attributes as JSON object text, for tests and diagnostics. */
    public String toJson() {
        settled();
        return "{" + new String(array(), offset(), length(), StandardCharsets.UTF_8) + "}";
    }
}
