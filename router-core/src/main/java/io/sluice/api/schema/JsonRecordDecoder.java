package io.sluice.api.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import io.sluice.api.event.Attributes;
import io.sluice.api.event.JsonEscapedText;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Rejection;
import io.sluice.api.event.Tags;
import io.sluice.api.plugin.RecordDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Normalizes a JSON object record to schema v1 with Jackson's streaming parser: well-known keys
 * fill schema fields (message, time, level, service, host, trace and span ids, error), every other
 * key goes to {@code attributes} as its original JSON bytes (nested objects kept, nothing re-encoded).
 *
 * <p>A record that is not a JSON object is handed to the fallback decoder (plain text) and tagged
 * {@code parse_failed} when it looked like JSON or the input insists on JSON.
 */
public final class JsonRecordDecoder implements RecordDecoder {
    private final DecodeOptions options;
    private final TextRecordDecoder text;
    private final boolean jsonRequired;
    private final JsonFactory factory = new WorkerJsonFactory();
    /** Reused per record (one decoder per worker thread); cleared before each. */
    private final Fields fields = new Fields();

    /**
     * @param jsonRequired true for {@code format: json}: a record that is not JSON is a parse failure;
     *                     false for {@code format: auto}: only a record that starts like JSON is.
     */
    public JsonRecordDecoder(DecodeOptions options, boolean jsonRequired) {
        this.options = options;
        this.text = new TextRecordDecoder(options);
        this.jsonRequired = jsonRequired;
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        int first = off;
        int end = off + len;
        while (first < end && (b[first] == ' ' || b[first] == '\t' || b[first] == '\r')) first++;
        boolean looksLikeJson = first < end && b[first] == '{';
        if (looksLikeJson) {
            String failure = tryDecodeObject(b, off, len, event);
            if (failure == null) return;
            parseFailed(b, off, len, event, "not valid JSON: " + failure);
        } else if (jsonRequired) {
            parseFailed(b, off, len, event, "not a JSON object");
        } else {
            text.decode(b, off, len, event);
        }
    }

    private void parseFailed(byte[] b, int off, int len, LogEvent event, String why) {
        text.decode(b, off, len, event);
        event.message(new String(b, off, len, StandardCharsets.UTF_8));
        event.addTag(Tags.PARSE_FAILED);
        if (options.deadLetterUnparseable()) {
            event.reject(new Rejection("decode", Rejection.PARSE_ERROR, why));
        }
    }

    /** Returns null on success, else why the record is not a JSON object; the event is untouched then. */
    private String tryDecodeObject(byte[] b, int off, int len, LogEvent event) {
        Fields f = fields;
        f.clear();
        try (JsonParser p = factory.createParser(b, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return "not an object";
            readObject(p, b, off, off + len, f);
            if (p.nextToken() != null) return "text after the object";
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage();
            int nl = m == null ? -1 : m.indexOf('\n');
            return nl > 0 ? m.substring(0, nl) : String.valueOf(m);
        }
        f.applyTo(event, b, options);
        return null;
    }

    private static void readObject(JsonParser p, byte[] b, int base, int limit, Fields f) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            int start = base + tokenOffset(p);
            switch (key) {
                case "msg", "message", "log", "text" -> {
                    if (!f.hasMessage() && v == JsonToken.VALUE_STRING) {
                        // Keep the escaped bytes when they can be copied to the output as they are;
                        // Jackson still checks the string when it moves on (a bad one fails the record).
                        int close = JsonEscapedText.verbatimEnd(b, start + 1, limit);
                        if (close >= 0 && close < limit && b[close] == '"') {
                            f.messageStart = start + 1;
                            f.messageEnd = close;
                        } else {
                            f.message = p.getText();
                        }
                        continue;
                    }
                }
                case "@timestamp", "timestamp", "time", "ts", "datetime" -> {
                    if (f.timeKey == null && v.isScalarValue()) {
                        f.timeKey = key;
                        f.timeStart = start;
                        if (v == JsonToken.VALUE_STRING) {
                            f.timeText = p.getText();
                        } else if (v == JsonToken.VALUE_NUMBER_INT) {
                            f.timeNanos = Timestamps.fromEpochNumber(p.getLongValue(), 0);
                        } else if (v == JsonToken.VALUE_NUMBER_FLOAT) {
                            f.timeNanos = Timestamps.fromEpochDouble(p.getDoubleValue());
                        }
                        f.timeEnd = valueEnd(p, v, b, base, start, limit);
                        continue;
                    }
                }
                case "level", "severity", "lvl", "loglevel", "log.level", "levelname", "severity_text" -> {
                    if (f.levelKey == null && v.isScalarValue()) {
                        f.levelKey = key;
                        f.levelStart = start;
                        if (v == JsonToken.VALUE_STRING) {
                            f.levelText = p.getText();
                            f.level = Levels.fromWord(f.levelText.trim());
                        } else if (v == JsonToken.VALUE_NUMBER_INT) {
                            f.levelText = p.getText();
                            f.level = Levels.fromNumber(p.getLongValue());
                        } else {
                            f.levelText = p.getText();
                        }
                        f.levelEnd = valueEnd(p, v, b, base, start, limit);
                        continue;
                    }
                }
                case "service", "service.name", "app", "service_name" -> {
                    if (f.service == null && v == JsonToken.VALUE_STRING) {
                        f.service = p.getText();
                        continue;
                    }
                }
                case "hostname", "host.name" -> {
                    if (f.host == null && v == JsonToken.VALUE_STRING) {
                        f.host = p.getText();
                        continue;
                    }
                }
                case "trace_id", "traceId", "trace.id", "traceid", "trace-id" -> {
                    if (f.traceKey == null && v == JsonToken.VALUE_STRING) {
                        f.traceKey = key;
                        f.trace = p.getText();
                        f.traceStart = start;
                        f.traceEnd = valueEnd(p, v, b, base, start, limit);
                        continue;
                    }
                }
                case "span_id", "spanId", "span.id", "spanid", "span-id" -> {
                    if (f.spanKey == null && v == JsonToken.VALUE_STRING) {
                        f.spanKey = key;
                        f.span = p.getText();
                        f.spanStart = start;
                        f.spanEnd = valueEnd(p, v, b, base, start, limit);
                        continue;
                    }
                }
                case "traceparent" -> {
                    if (v == JsonToken.VALUE_STRING) {
                        String[] ids = TraceIds.parseTraceparent(p.getText());
                        if (ids != null) {
                            f.parentTrace = ids[0];
                            f.parentSpan = ids[1];
                        }
                    }
                }
                case "error.message", "error_message" -> {
                    if (f.errorMessage == null && v == JsonToken.VALUE_STRING) {
                        f.errorMessage = p.getText();
                        continue;
                    }
                }
                case "error.type", "error_type", "exception_type" -> {
                    if (f.errorType == null && v == JsonToken.VALUE_STRING) {
                        f.errorType = p.getText();
                        continue;
                    }
                }
                case "error.stack_trace", "stack_trace", "stacktrace", "stack", "exc_info" -> {
                    if (f.stackTrace == null && v == JsonToken.VALUE_STRING) {
                        f.stackTrace = p.getText();
                        continue;
                    }
                }
                default -> { }
            }
            // Not a schema field (or a second, clashing one): keep the original bytes under attributes.
            int stop = valueEnd(p, v, b, base, start, limit);
            f.attributes().putRawJson(key, b, start, stop - start);
        }
        if (t != JsonToken.END_OBJECT) throw new IOException("unexpected " + t);
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
    private static int valueEnd(JsonParser p, JsonToken v, byte[] b, int base, int start, int limit) throws IOException {
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

    /** What one record gave, applied to the event only once the whole record parsed. */
    private static final class Fields {
        String message;
        /** The message's escaped content in the record, when it is kept as bytes; -1 when not. */
        int messageStart = -1;
        int messageEnd;
        String timeKey;
        String timeText;
        long timeNanos = LogEvent.NO_TIME;
        int timeStart;
        int timeEnd;
        String levelKey;
        String levelText;
        Level level;
        int levelStart;
        int levelEnd;
        String service;
        String host;
        String traceKey;
        String trace;
        int traceStart;
        int traceEnd;
        String spanKey;
        String span;
        int spanStart;
        int spanEnd;
        String parentTrace;
        String parentSpan;
        String errorMessage;
        String errorType;
        String stackTrace;
        private Attributes attributes;

        boolean hasMessage() {
            return message != null || messageStart >= 0;
        }

        void clear() {
            message = null;
            messageStart = -1;
            timeKey = null;
            timeText = null;
            timeNanos = LogEvent.NO_TIME;
            levelKey = null;
            levelText = null;
            level = null;
            service = null;
            host = null;
            traceKey = null;
            trace = null;
            spanKey = null;
            span = null;
            parentTrace = null;
            parentSpan = null;
            errorMessage = null;
            errorType = null;
            stackTrace = null;
            attributes = null; // handed to the event, never reused
        }

        Attributes attributes() {
            if (attributes == null) attributes = new Attributes();
            return attributes;
        }

        void applyTo(LogEvent e, byte[] b, DecodeOptions options) {
            if (messageStart >= 0) {
                e.messageRaw(b, messageStart, messageEnd - messageStart);
            } else {
                e.message(message == null ? "" : message);
            }
            if (attributes != null) attributesInto(e);
            if (timeKey != null) {
                long t = timeText != null ? Timestamps.parse(timeText.trim(), options.zone()) : timeNanos;
                if (t != LogEvent.NO_TIME) {
                    e.timestampNanos(t);
                } else {
                    // docs/schema.md: no parseable time means observed time plus a tag; the value is kept.
                    e.attributesOrCreate().putRawJson(timeKey, b, timeStart, timeEnd - timeStart);
                }
            }
            if (levelKey != null) {
                if (level != null) {
                    e.level(level);
                } else {
                    ValueProblems.invalid(e, options, "log.level", levelKey, b, levelStart, levelEnd - levelStart, levelText);
                }
            }
            if (service != null && !service.isBlank()) e.serviceName(service);
            if (host != null && !host.isBlank()) e.hostName(host);
            if (traceKey != null) {
                if (TraceIds.isHexId(trace)) {
                    e.traceId(TraceIds.normalizeHex(trace));
                } else {
                    ValueProblems.invalid(e, options, "trace.id", traceKey, b, traceStart, traceEnd - traceStart, trace);
                }
            } else if (parentTrace != null) {
                e.traceId(parentTrace);
            }
            if (spanKey != null) {
                if (TraceIds.isHexId(span)) {
                    e.spanId(TraceIds.normalizeHex(span));
                } else {
                    ValueProblems.invalid(e, options, "span.id", spanKey, b, spanStart, spanEnd - spanStart, span);
                }
            } else if (parentSpan != null) {
                e.spanId(parentSpan);
            }
            if (errorMessage != null) e.errorMessage(errorMessage);
            if (errorType != null) e.errorType(errorType);
            if (stackTrace != null) e.errorStackTrace(stackTrace);
        }

        private void attributesInto(LogEvent e) {
            if (e.attributes() == null) {
                e.attributes(attributes);
            } else {
                // unusual: the input already put attributes; keep both
                e.attributes().putAll(attributes);
            }
        }
    }
}
