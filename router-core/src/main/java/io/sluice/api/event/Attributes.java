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
     * Jackson for the rare rebuilds ({@link #keys()}, {@link #remove}), created on first use: an
     * ObjectMapper costs tens of milliseconds of start-up (some hundred classes), and the decoding path
     * and the daemon's own log lines, which create attributes from the first event on, never need it.
     */
    private static final class Json {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    }

    private final JsonBytes body = new JsonBytes(64);
    /** One bit per key hash (mod 64) put so far: a clear bit proves a key is new. */
    private long keyHashes;

    public boolean isEmpty() {
        return body.length() == 0;
    }

    /**
     * The keys in insertion order, read from the JSON when asked: used by routes, transforms and tests,
     * not on the decoding path, which so keeps no list per event.
     */
    public List<String> keys() {
        if (isEmpty()) return List.of();
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
        // a document with a key twice. A 64-bit filter of key hashes keeps the usual case free of lookups,
        // and a byte search for the encoded key keeps a mere hash collision (one record in several with a
        // handful of keys) from parsing the attributes: only a real duplicate (or the name inside a nested
        // value) reaches remove(), which checks the top-level keys.
        long bit = 1L << (key.hashCode() & 63);
        if ((keyHashes & bit) != 0 && holdsEncoded(key)) remove(key);
        keyHashes |= bit;
        if (body.length() > 0) body.raw((byte) ',');
        body.string(key).raw((byte) ':');
    }

    /** Whether the body contains {@code "key":} as written by {@link #startEntry} (at any depth). */
    private boolean holdsEncoded(String key) {
        JsonBytes probe = new JsonBytes(key.length() + 8);
        probe.string(key).raw((byte) ':');
        byte[] b = body.array();
        byte[] p = probe.array();
        int n = probe.length();
        outer:
        for (int i = 0, last = body.length() - n; i <= last; i++) {
            for (int j = 0; j < n; j++) {
                if (b[i + j] != p[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    /** Adds a value that is already a complete JSON value in UTF-8 (an object, array, string, number...). */
    public void putRawJson(String key, byte[] src, int off, int len) {
        startEntry(key);
        body.raw(src, off, len);
    }

    /**
     * {@link #putRawJson(String, byte[], int, int)} with the key given as the bytes of a JSON string's
     * content that are their own escaped form: printable ASCII without a quote or backslash (the
     * decoder's one-pass reader checks that), so no {@code String} is made for a key that is only copied.
     */
    public void putRawJson(byte[] keySrc, int keyOff, int keyLen, byte[] src, int off, int len) {
        // String.hashCode of ASCII text, so the duplicate filter agrees with keys put as Strings
        int h = 0;
        for (int i = keyOff, end = keyOff + keyLen; i < end; i++) h = 31 * h + keySrc[i];
        long bit = 1L << (h & 63);
        if ((keyHashes & bit) != 0) {
            putRawJson(new String(keySrc, keyOff, keyLen, StandardCharsets.US_ASCII), src, off, len);
            return;
        }
        keyHashes |= bit;
        if (body.length() > 0) body.raw((byte) ',');
        body.raw((byte) '"').raw(keySrc, keyOff, keyLen).raw((byte) '"').raw((byte) ':');
        body.raw(src, off, len);
    }

    public void putString(String key, String value) {
        startEntry(key);
        body.string(value);
    }

    public void putLong(String key, long value) {
        startEntry(key);
        body.number(value);
    }

    /** Adds an object of string values (e.g. a syslog SD element when kept as attributes). */
    public void putStringMap(String key, java.util.Map<String, String> values) {
        startEntry(key);
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
        nested.writeObject(body);
    }

    /** Appends every entry of {@code other}. */
    public void putAll(Attributes other) {
        if (other.isEmpty()) return;
        if (body.length() > 0) body.raw((byte) ',');
        body.raw(other.body.array(), 0, other.body.length());
        keyHashes |= other.keyHashes;
    }

    /**
     * Removes a top-level key; returns the value's JSON text, or null when absent. Rebuilds the
     * body, so it is for transforms such as {@code remap}, not the decoding path.
     */
    public String remove(String key) {
        if (!keys().contains(key)) return null;
        try {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(toJson());
            var removed = tree.remove(key);
            body.reset();
            keyHashes = 0;
            for (var it = tree.fields(); it.hasNext(); ) {
                var e = it.next();
                byte[] json = Json.MAPPER.writeValueAsBytes(e.getValue());
                putRawJson(e.getKey(), json, 0, json.length);
            }
            return removed == null ? null : Json.MAPPER.writeValueAsString(removed);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("attributes are not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Writes {@code {...}} to the output. */
    public void writeObject(JsonBytes out) {
        out.raw((byte) '{').raw(body.array(), 0, body.length()).raw((byte) '}');
    }

    /** The attributes as JSON object text, for tests and diagnostics. */
    public String toJson() {
        return "{" + new String(body.array(), 0, body.length(), StandardCharsets.UTF_8) + "}";
    }
}
