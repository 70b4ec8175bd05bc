package io.sluice.api.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import io.sluice.api.event.Attributes;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.text.AutoTextDecoder;

import java.io.IOException;
import java.util.Map;

/**
 * Normalizes a JSON object record to schema v1 with Jackson's streaming parser: well-known keys
 * fill schema fields (message, time, level, service, host, trace and span ids, error), every other
 * key goes to {@code attributes} as its original JSON bytes (nested objects kept, nothing re-encoded).
 *
 * <p>A record that is not a JSON object is handed to the text decoders ({@code auto}: the text layouts
 * that are cheap to recognize, else plain text) and tagged
 * {@code parse_failed} when it looked like JSON or the input insists on JSON.
 */
public final class JsonRecordDecoder implements RecordDecoder {
    private final DecodeOptions options;
    /** The top-level key table (built-in keys plus the input's aliases), read once: this is the hot path. */
    private final Map<String, KeyTable.Node> rootKeys;
    /** {@link #rootKeys} with loguru's keys, for records that start as its {@code serialize=True} writes them. */
    private final Map<String, KeyTable.Node> loguruKeys;
    /** The common record's path; null in tests that check it against Jackson's, the reference. */
    private final OnePassJsonReader onePass;
    private final TextRecordDecoder text;
    /** What a record that is not JSON becomes in {@code auto}: a known text layout, or plain text. */
    private final RecordDecoder notJson;
    private final boolean jsonRequired;
    private final WorkerJsonFactory factory = new WorkerJsonFactory();
    /** Reused per record (one decoder per worker thread); cleared before each. */
    private final RecordFields fields = new RecordFields();

    /**
     * @param jsonRequired true for {@code format: json}: a record that is not JSON is a parse failure;
     *                     false for {@code format: auto}: only a record that starts like JSON is.
     */
    public JsonRecordDecoder(DecodeOptions options, boolean jsonRequired) {
        this(options, jsonRequired, true);
    }

    /** @param onePass false to decode every record with Jackson (tests comparing the two paths) */
    JsonRecordDecoder(DecodeOptions options, boolean jsonRequired, boolean onePass) {
        this.options = options;
        this.rootKeys = options.aliases().table();
        this.loguruKeys = options.aliases().loguruTable();
        this.onePass = onePass ? new OnePassJsonReader(new KeyBytesTable(rootKeys)) : null;
        this.text = new TextRecordDecoder(options);
        this.notJson = jsonRequired ? text : new AutoTextDecoder(options, text);
        this.jsonRequired = jsonRequired;
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        int first = off;
        int end = off + len;
        while (first < end && (b[first] == ' ' || b[first] == '\t' || b[first] == '\r')) first++;
        boolean looksLikeJson = first < end && b[first] == '{';
        if (looksLikeJson) {
            // loguru's records, {"text": ..., "record": {...}}, hold an object: Jackson's path reads them
            boolean loguru = startsWith(b, first, end, LOGURU_START);
            if (onePass != null && !loguru) {
                fields.clear();
                if (onePass.read(b, first, end, fields, event.decodingFromStable(b))) {
                    fields.applyTo(event, b, options);
                    return;
                }
            }
            String failure = tryDecodeObject(b, off, len, event, loguru ? loguruKeys : rootKeys);
            if (failure == null) return;
            parseFailed(b, off, len, event, "not valid JSON: " + failure);
        } else if (jsonRequired) {
            parseFailed(b, off, len, event, "not a JSON object");
        } else {
            notJson.decode(b, off, len, event);
        }
    }

    private void parseFailed(byte[] b, int off, int len, LogEvent event, String why) {
        text.decodeUnparsed(b, off, len, event, why);
    }

    /** How loguru's {@code serialize=True} starts every record (Python's {@code json.dumps} separators). */
    private static final byte[] LOGURU_START = "{\"text\": \"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) return false;
        }
        return true;
    }

    /** Returns null on success, else why the record is not a JSON object; the event is untouched then. */
    private String tryDecodeObject(byte[] b, int off, int len, LogEvent event, Map<String, KeyTable.Node> table) {
        RecordFields f = fields;
        f.clear();
        try {
            JsonParser p = factory.reusableParser(b, off, len);
            if (p.nextToken() != JsonToken.START_OBJECT) return "not an object";
            f.attributes = readObject(p, b, off, off + len, table, f);
            if (p.nextToken() != null) return "text after the object";
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage();
            int nl = m == null ? -1 : m.indexOf('\n');
            return nl > 0 ? m.substring(0, nl) : String.valueOf(m);
        }
        f.applyTo(event, b, options);
        return null;
    }

    /**
     * Reads the members of the object the parser is in, each looked up in {@code table}; returns what
     * no table took (null when nothing), for the caller to keep under {@code attributes}.
     */
    private static Attributes readObject(JsonParser p, byte[] b, int base, int limit, Map<String, KeyTable.Node> table,
                                         RecordFields f) throws IOException {
        Attributes rest = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            int start = base + tokenOffset(p);
            KeyTable.Node node = table.get(key);
            if (node != null) {
                if (v == JsonToken.START_OBJECT && node.keys != null) {
                    Attributes inner = readObject(p, b, base, limit, node.keys, f);
                    if (inner != null) {
                        if (rest == null) rest = new Attributes();
                        rest.putObject(key, inner);
                    }
                    continue;
                }
                if (node.slot != null && f.take(node.slot, key, p, v, b, base, start, limit)) continue;
            }
            // Not a schema field (or a second, clashing one): keep the original bytes under attributes.
            int stop = valueEnd(p, v, b, base, start, limit);
            if (rest == null) rest = new Attributes();
            rest.putRawJson(key, b, start, stop - start);
        }
        if (t != JsonToken.END_OBJECT) throw new IOException("unexpected " + t);
        return rest;
    }

    /** Moves past the current value and returns the absolute offset just after it. */
    static int end(JsonParser p, JsonToken v, int base) throws IOException {
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            p.skipChildren();
        } else if (v == JsonToken.VALUE_STRING) {
            p.finishToken();
        }
        return base + (int) p.currentLocation().getByteOffset();
    }

    /**
     * Where the current (value) token starts, relative to the parser's input: read from the parser's
     * counters rather than through {@code currentTokenLocation()}, which allocates a location object
     * per call (one per key on this path).
     */
    private static int tokenOffset(JsonParser p) {
        if (p instanceof ParserBase pb) return (int) (pb.getTokenCharacterOffset() - 1);
        return (int) p.currentTokenLocation().getByteOffset();
    }

    /**
     * Returns the absolute offset just after the current value, which starts at {@code start}.
     * Scalars are scanned in the record's bytes: asking the parser would decode a string value into
     * characters only to throw them away. Jackson still parses (and checks) the value when it moves on.
     */
    static int valueEnd(JsonParser p, JsonToken v, byte[] b, int base, int start, int limit) throws IOException {
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
            p.skipChildren();
            return base + (int) p.currentLocation().getByteOffset();
        }
        int i = start;
        if (v == JsonToken.VALUE_STRING) {
            for (i++; i < limit; i++) {
                byte c = b[i];
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i + 1;
                }
            }
            return limit;
        }
        while (i < limit) {
            byte c = b[i];
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n') break;
            i++;
        }
        return i;
    }
}
