package io.sluice.api.otel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.sluice.api.event.Attributes;
import io.sluice.api.json.JsonBytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The schema v1 {@code attributes} of one OTLP record, collected before they become {@link Attributes}:
 * a key given twice keeps its last value, at the place of the last (as {@link Attributes} does), and
 * the entries are then written once. Put one by one into {@link Attributes}, every key after its
 * 64-bit key filter fills searched the whole object written so far for a duplicate, so a record with
 * many attributes took time in the square of its size on the event loop: 50,000 attributes (a 770 KB
 * request) 111 s, 1,000 attributes after one 4 MB value 13–22 s (docs/otel.md).
 */
final class RecordAttributes {
    private static final JsonFactory JSON = new JsonFactory();

    /** Each key's value as JSON text. */
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final JsonBytes scratch = new JsonBytes(64);

    void putJson(String key, AnyValue v) {
        put(key, json(v));
    }

    void putString(String key, String value) {
        scratch.reset();
        put(key, scratch.string(value).toByteArray());
    }

    void putLong(String key, long value) {
        scratch.reset();
        put(key, scratch.number(value).toByteArray());
    }

    private void put(String key, byte[] json) {
        entries.remove(key); // the last value wins, where the last one came
        entries.put(key, json);
    }

    /** The attributes, or null when there are none. */
    Attributes build() {
        if (entries.isEmpty()) return null;
        JsonBytes out = new JsonBytes(64 + 16 * entries.size());
        long keyHashes = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (out.length() > 0) out.raw((byte) ',');
            out.string(e.getKey()).raw((byte) ':').raw(e.getValue());
            keyHashes |= Attributes.keyBitOfHash(e.getKey().hashCode());
        }
        return Attributes.ofRecord(out.array(), 0, out.length(), keyHashes);
    }

    /** A value as JSON text (UTF-8). */
    static byte[] json(AnyValue v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            AnyValues.write(v, g);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
