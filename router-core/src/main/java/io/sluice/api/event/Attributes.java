package io.sluice.api.event;

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
    private final JsonBytes body = new JsonBytes(64);
    private List<String> keys;

    public boolean isEmpty() {
        return body.length() == 0;
    }

    /** The keys in insertion order (decoded); used by routes and tests, not on the encoding path. */
    public List<String> keys() {
        return keys == null ? List.of() : keys;
    }

    private void startEntry(String key) {
        if (body.length() > 0) body.raw((byte) ',');
        if (keys == null) keys = new ArrayList<>(4);
        keys.add(key);
        body.string(key).raw((byte) ':');
    }

    /** Adds a value that is already a complete JSON value in UTF-8 (an object, array, string, number...). */
    public void putRawJson(String key, byte[] src, int off, int len) {
        startEntry(key);
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
        if (keys == null) keys = new ArrayList<>(other.keys());
        else keys.addAll(other.keys());
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
