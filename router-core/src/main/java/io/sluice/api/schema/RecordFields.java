package io.sluice.api.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.api.event.Attributes;
import io.sluice.api.event.JsonEscapedText;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.json.Utf8StringCache;

import java.io.IOException;
import java.util.Arrays;

/**
 * What one JSON record gave for each {@link Slot}, applied to the event only once the whole record
 * parsed. The first value of the right type wins a slot; a later one stays under attributes. One
 * instance per decoder (per worker thread), cleared before each record.
 */
final class RecordFields {
    private final String[] texts = new String[Slot.TEXT_SLOTS];
    private final long[] numbers = new long[Slot.NUMBER_SLOTS];
    String message;
    /** The message's escaped content in the record, when it is kept as bytes; -1 when not. */
    int messageStart = -1;
    int messageEnd;
    String timeKey;
    String timeText;
    /** A string time's content in the record when it has no escape (parsed from there, no String); -1 when not. */
    int timeTextStart = -1;
    int timeTextEnd;
    long timeNanos = LogEvent.NO_TIME;
    int timeStart;
    int timeEnd;
    String levelKey;
    String levelText;
    Level level;
    int levelStart;
    int levelEnd;
    private final SourceValue trace = new SourceValue();
    private final SourceValue span = new SourceValue();
    String parentTrace;
    String parentSpan;
    String renderedFrames;
    /** Monolog's exception trace rendered ({@link Slot#PHP_FRAMES}): one {@code #i path:line} line per frame. */
    String phpFrames;
    /** structlog's dict_tracebacks rendered ({@link Slot#EXCEPTION}), its key and where the array is in the record. */
    String pythonTrace;
    String pythonTraceKey;
    int pythonTraceStart;
    int pythonTraceEnd;
    /** The type and value of the exception {@link #pythonTrace} caught. */
    private final String[] caught = new String[2];
    /** The key that filled {@link Slot#SECONDARY_MESSAGE}, to keep it under when it is not the message. */
    String secondaryKey;
    /** The record's keys that no slot took; handed to the event, never reused. */
    Attributes attributes;

    RecordFields() {
        clear();
    }

    void clear() {
        Arrays.fill(texts, null);
        Arrays.fill(numbers, LogEvent.NO_NUMBER);
        message = null;
        messageStart = -1;
        timeKey = null;
        timeText = null;
        timeTextStart = -1;
        timeNanos = LogEvent.NO_TIME;
        levelKey = null;
        levelText = null;
        level = null;
        trace.clear();
        span.clear();
        parentTrace = null;
        parentSpan = null;
        renderedFrames = null;
        phpFrames = null;
        pythonTrace = null;
        secondaryKey = null;
        attributes = null;
    }

    boolean hasMessage() {
        return message != null || messageStart >= 0;
    }

    String text(Slot slot) {
        return texts[slot.ordinal()];
    }

    long number(Slot slot) {
        return numbers[slot.ordinal() - Slot.NUMBER_BASE];
    }

    /**
     * Takes the current value (of token {@code v}, starting at {@code start}) for {@code slot}; false
     * when the slot is already filled or the value has the wrong type, and the caller keeps it as an
     * attribute. On true the parser has moved past the value when it was a container.
     */
    boolean take(Slot slot, String key, JsonParser p, JsonToken v, byte[] b, int base, int start, int limit)
            throws IOException {
        if (slot.isText()) {
            int i = slot.ordinal();
            if (texts[i] != null || v != JsonToken.VALUE_STRING) return false;
            texts[i] = p.getText();
            if (slot == Slot.SECONDARY_MESSAGE) secondaryKey = key;
            return true;
        }
        if (slot.isNumber()) {
            int i = slot.ordinal() - Slot.NUMBER_BASE;
            if (numbers[i] != LogEvent.NO_NUMBER || v != JsonToken.VALUE_NUMBER_INT) return false;
            numbers[i] = p.getLongValue();
            return true;
        }
        return switch (slot) {
            case MESSAGE -> takeMessage(p, v, b, start, limit);
            case TIME -> takeTime(key, p, v, b, base, start, limit);
            case LEVEL -> takeLevel(key, p, v, b, base, start, limit);
            case TRACE -> trace.take(key, p, v, b, base, start, limit);
            case SPAN -> span.take(key, p, v, b, base, start, limit);
            case TRACEPARENT -> {
                if (v != JsonToken.VALUE_STRING) yield false;
                String[] ids = TraceIds.parseTraceparent(p.getText());
                if (ids == null) yield false;
                parentTrace = ids[0];
                parentSpan = ids[1];
                yield true;
            }
            case CALLER -> takeCaller(p, v);
            case STACK_FRAMES -> {
                if (renderedFrames != null || v != JsonToken.START_ARRAY) yield false;
                renderedFrames = StackFrames.render(p);
                yield true;
            }
            case PHP_FRAMES -> {
                if (phpFrames != null || v != JsonToken.START_ARRAY) yield false;
                phpFrames = StackFrames.renderPhp(p);
                yield true;
            }
            case STACK -> {
                int i = Slot.ERROR_STACK.ordinal();
                if (texts[i] != null) yield false;
                if (v == JsonToken.VALUE_STRING) texts[i] = p.getText();
                else if (v == JsonToken.START_ARRAY) texts[i] = StackFrames.renderGo(p);
                else yield false;
                yield true;
            }
            case EXCEPTION -> {
                int i = Slot.ERROR_STACK.ordinal();
                if (texts[i] != null || pythonTrace != null) yield false;
                if (v == JsonToken.VALUE_STRING) {
                    texts[i] = p.getText();
                    yield true;
                }
                if (v != JsonToken.START_ARRAY) yield false;
                pythonTrace = StackFrames.renderPython(p, caught);
                pythonTraceKey = key;
                pythonTraceStart = start;
                pythonTraceEnd = base + (int) p.currentLocation().getByteOffset();
                yield true;
            }
            case DROP -> {
                p.skipChildren();
                yield true;
            }
            default -> false;
        };
    }

    /** {@link #takeScanned}: the value filled its slot. */
    static final int TAKEN = 1;
    /** {@link #takeScanned}: the slot is filled or refuses the value; the caller keeps it under attributes. */
    static final int KEEP = 0;
    /** {@link #takeScanned}: this value needs Jackson (an escape to decode, a number beyond long, a rare slot). */
    static final int NEEDS_PARSER = -1;

    /**
     * {@link #take} for a value {@link OnePassJsonReader} scanned: of type {@code type}
     * ({@code OnePassJsonReader.STRING}, ...) in {@code b[start, end)}, quotes included;
     * {@code escaped} when a string holds a backslash, {@code plainAscii} when it is ASCII without
     * one (so it is its own escaped form: no need to check). The same rules as {@link #take}, which stays the
     * reference: for what it cannot decide without Jackson's text this answers {@link #NEEDS_PARSER}.
     */
    int takeScanned(Slot slot, String key, int type, boolean escaped, boolean plainAscii, byte[] b, int start, int end,
                    Utf8StringCache cache) {
        boolean string = type == OnePassJsonReader.STRING;
        if (slot.isText()) {
            int i = slot.ordinal();
            if (texts[i] != null || !string) return KEEP;
            if (escaped) return NEEDS_PARSER;
            texts[i] = cache.get(b, start + 1, end - 1);
            if (slot == Slot.SECONDARY_MESSAGE) secondaryKey = key;
            return TAKEN;
        }
        if (slot.isNumber()) {
            int i = slot.ordinal() - Slot.NUMBER_BASE;
            if (numbers[i] != LogEvent.NO_NUMBER || type != OnePassJsonReader.INT) return KEEP;
            if (!OnePassJsonReader.fitsLong(start, end)) return NEEDS_PARSER;
            numbers[i] = OnePassJsonReader.parseLong(b, start, end);
            return TAKEN;
        }
        switch (slot) {
            case MESSAGE -> {
                if (hasMessage() || !string) return KEEP;
                int close = plainAscii ? end - 1 : JsonEscapedText.verbatimEnd(b, start + 1, end);
                if (close != end - 1) return NEEDS_PARSER;
                messageStart = start + 1;
                messageEnd = close;
                return TAKEN;
            }
            case TIME -> {
                int free = freeScalar(timeKey, type, escaped, start, end);
                if (free != TAKEN) return free;
                timeKey = key;
                timeStart = start;
                timeEnd = end;
                if (string) {
                    timeTextStart = start + 1;
                    timeTextEnd = end - 1;
                } else if (type == OnePassJsonReader.INT) {
                    timeNanos = Timestamps.fromEpochNumber(OnePassJsonReader.parseLong(b, start, end), 0);
                } else if (type == OnePassJsonReader.FLOAT) {
                    timeNanos = Timestamps.fromEpochDecimal(b, start, end - start);
                }
                return TAKEN;
            }
            case LEVEL -> {
                int free = freeScalar(levelKey, type, escaped, start, end);
                if (free != TAKEN) return free;
                levelKey = key;
                levelStart = start;
                levelEnd = end;
                // Jackson's text of a scalar: a string's content, else the token as written
                levelText = string ? cache.get(b, start + 1, end - 1) : cache.get(b, start, end);
                if (string) {
                    level = Levels.fromWord(levelText.trim());
                } else if (type == OnePassJsonReader.INT) {
                    level = Levels.fromNumber(OnePassJsonReader.parseLong(b, start, end));
                }
                return TAKEN;
            }
            case TRACE -> {
                return trace.takeScanned(key, string, escaped, b, start, end);
            }
            case SPAN -> {
                return span.takeScanned(key, string, escaped, b, start, end);
            }
            case STACK -> { // zerolog's array of frames: Jackson's path renders it
                int i = Slot.ERROR_STACK.ordinal();
                if (texts[i] != null) return KEEP;
                if (type == OnePassJsonReader.CONTAINER && b[start] == '[') return NEEDS_PARSER;
                if (!string) return KEEP;
                if (escaped) return NEEDS_PARSER;
                texts[i] = cache.get(b, start + 1, end - 1);
                return TAKEN;
            }
            case EXCEPTION -> { // an array under it never comes here: the error table reads the key's containers
                int i = Slot.ERROR_STACK.ordinal();
                if (texts[i] != null || !string) return KEEP;
                if (escaped) return NEEDS_PARSER;
                texts[i] = cache.get(b, start + 1, end - 1);
                return TAKEN;
            }
            case CALLER -> {
                if (texts[Slot.ORIGIN_FILE.ordinal()] != null || !string) return KEEP;
                if (escaped) return NEEDS_PARSER;
                takeCaller(cache.get(b, start + 1, end - 1));
                return TAKEN;
            }
            case DROP -> {
                return TAKEN;
            }
            default -> {
                return NEEDS_PARSER;
            }
        }
    }

    /**
     * Whether a scanned scalar may fill a slot that {@code filledKey} (when not null) filled already:
     * {@link #TAKEN} when it may and its value can be read from the bytes.
     */
    private static int freeScalar(String filledKey, int type, boolean escaped, int start, int end) {
        if (filledKey != null || !OnePassJsonReader.isScalar(type)) return KEEP;
        if (escaped) return NEEDS_PARSER;
        if (type == OnePassJsonReader.INT && !OnePassJsonReader.fitsLong(start, end)) return NEEDS_PARSER;
        return TAKEN;
    }

    private boolean takeMessage(JsonParser p, JsonToken v, byte[] b, int start, int limit) throws IOException {
        if (hasMessage() || v != JsonToken.VALUE_STRING) return false;
        // Keep the escaped bytes when they can be copied to the output as they are;
        // Jackson still checks the string when it moves on (a bad one fails the record).
        int close = JsonEscapedText.verbatimEnd(b, start + 1, limit);
        if (close >= 0 && close < limit && b[close] == '"') {
            messageStart = start + 1;
            messageEnd = close;
        } else {
            message = p.getText();
        }
        return true;
    }

    private boolean takeTime(String key, JsonParser p, JsonToken v, byte[] b, int base, int start, int limit)
            throws IOException {
        if (timeKey != null || !v.isScalarValue()) return false;
        timeKey = key;
        timeStart = start;
        if (v == JsonToken.VALUE_STRING) {
            int close = closingQuoteWithoutEscape(b, start + 1, limit);
            if (close >= 0) {
                timeTextStart = start + 1;
                timeTextEnd = close;
            } else {
                timeText = p.getText();
            }
        } else if (v == JsonToken.VALUE_NUMBER_INT) {
            // a number too long for a long is no time either: kept, never a reason to refuse the record
            timeNanos = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? LogEvent.NO_TIME
                    : Timestamps.fromEpochNumber(p.getLongValue(), 0);
        }
        timeEnd = JsonRecordDecoder.valueEnd(p, v, b, base, start, limit);
        if (v == JsonToken.VALUE_NUMBER_FLOAT) timeNanos = Timestamps.fromEpochDecimal(b, start, timeEnd - start);
        return true;
    }

    /** The closing quote of string content starting at {@code from}, or -1 when an escape (or the limit) comes first. */
    private static int closingQuoteWithoutEscape(byte[] b, int from, int limit) {
        for (int i = from; i < limit; i++) {
            byte c = b[i];
            if (c == '"') return i;
            if (c == '\\') return -1;
        }
        return -1;
    }

    private boolean takeLevel(String key, JsonParser p, JsonToken v, byte[] b, int base, int start, int limit)
            throws IOException {
        if (levelKey != null || !v.isScalarValue()) return false;
        levelKey = key;
        levelStart = start;
        levelText = p.getText();
        if (v == JsonToken.VALUE_STRING) {
            level = Levels.fromWord(levelText.trim());
        } else if (v == JsonToken.VALUE_NUMBER_INT) {
            level = Levels.fromNumber(p.getLongValue());
        }
        levelEnd = JsonRecordDecoder.valueEnd(p, v, b, base, start, limit);
        return true;
    }

    /** {@code path/to/file.go:42} as zap, zerolog and logrus write the caller: file name and line. */
    private boolean takeCaller(JsonParser p, JsonToken v) throws IOException {
        if (texts[Slot.ORIGIN_FILE.ordinal()] != null || v != JsonToken.VALUE_STRING) return false;
        takeCaller(p.getText());
        return true;
    }

    private void takeCaller(String caller) {
        int file = Slot.ORIGIN_FILE.ordinal();
        int colon = caller.lastIndexOf(':');
        long line = colon > 0 ? digits(caller, colon + 1) : -1;
        if (line >= 0) {
            texts[file] = caller.substring(0, colon);
            int i = Slot.ORIGIN_LINE.ordinal() - Slot.NUMBER_BASE;
            if (numbers[i] == LogEvent.NO_NUMBER) numbers[i] = line;
        } else {
            texts[file] = caller;
        }
    }

    private static long digits(String s, int from) {
        if (from >= s.length() || s.length() - from > 9) return -1;
        long n = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    void applyTo(LogEvent e, byte[] b, DecodeOptions options) {
        if (messageStart >= 0) {
            e.messageRaw(b, messageStart, messageEnd - messageStart);
        } else if (message != null) {
            e.message(message);
        } else if (text(Slot.MESSAGE_TEMPLATE) != null) {
            e.message(MessageTemplates.render(text(Slot.MESSAGE_TEMPLATE), attributes));
        } else if (text(Slot.RENDERED_TEXT) != null) {
            e.message(text(Slot.RENDERED_TEXT).stripTrailing());
        } else {
            e.message(text(Slot.SECONDARY_MESSAGE) != null ? text(Slot.SECONDARY_MESSAGE) : "");
        }
        if (text(Slot.MESSAGE_TEMPLATE) != null && hasMessage()) keep(e, "@mt", text(Slot.MESSAGE_TEMPLATE));
        String secondaryTrace = null;
        if (text(Slot.SECONDARY_MESSAGE) != null && (hasMessage() || text(Slot.MESSAGE_TEMPLATE) != null)) {
            // GELF's full_message beside short_message is where its clients put an exception's stack trace
            boolean trace = text(Slot.ERROR_STACK) == null && renderedFrames == null
                    && StackFrames.isJavaStyleTrace(text(Slot.SECONDARY_MESSAGE));
            if (trace) secondaryTrace = text(Slot.SECONDARY_MESSAGE);
            else keep(e, secondaryKey, text(Slot.SECONDARY_MESSAGE));
        }
        if (attributes != null) attributesInto(e);
        applyTime(e, b, options);
        if (levelKey != null) {
            if (level != null) {
                e.level(level);
            } else {
                ValueProblems.invalid(e, options, "log.level", levelKey, b, levelStart, levelEnd - levelStart, levelText);
            }
        }
        String service = text(Slot.SERVICE);
        if (service != null && !service.isBlank()) e.serviceName(service);
        String host = text(Slot.HOST);
        if (host != null && !host.isBlank()) e.hostName(host);
        applyIds(e, b, options);
        if (text(Slot.ERROR_MESSAGE) != null) e.errorMessage(text(Slot.ERROR_MESSAGE));
        if (text(Slot.ERROR_TYPE) != null) e.errorType(text(Slot.ERROR_TYPE));
        String stack = text(Slot.ERROR_STACK) != null ? text(Slot.ERROR_STACK)
                : secondaryTrace != null ? secondaryTrace : renderedTrace();
        if (stack != null) {
            e.errorStackTrace(stack);
            // Logstash-style records and GELF carry only the trace: its first line names the type and message
            if (e.errorType() == null && e.errorMessage() == null) StackFrames.headerInto(stack, e);
        } else if (renderedFrames != null) {
            e.errorStackTrace(StackFrames.withHeader(text(Slot.ERROR_TYPE), text(Slot.ERROR_MESSAGE), renderedFrames));
        } else if (text(Slot.ERROR_FILE) != null || phpFrames != null) {
            e.errorStackTrace(StackFrames.php(text(Slot.ERROR_TYPE), text(Slot.ERROR_MESSAGE), text(Slot.ERROR_FILE), phpFrames));
        } else if (pythonTrace != null) {
            e.errorStackTrace(pythonTrace);
            if (e.errorType() == null && !caught[0].isEmpty()) e.errorType(caught[0]);
            if (e.errorMessage() == null && !caught[1].isEmpty()) e.errorMessage(caught[1]);
        }
        // an error's file beside a trace of its own: not in the trace, so kept
        if (text(Slot.ERROR_FILE) != null && e.errorStackTrace() != null && !e.errorStackTrace().contains(text(Slot.ERROR_FILE))) {
            keep(e, "error.file", text(Slot.ERROR_FILE));
        }
        // the array as sent too: its frames' locals and a SyntaxError's details are in no field
        if (pythonTrace != null) e.attributesOrCreate().putRawJson(pythonTraceKey, b, pythonTraceStart, pythonTraceEnd - pythonTraceStart);
        e.logger(text(Slot.LOGGER)).threadName(text(Slot.THREAD)).pid(number(Slot.PID))
                .originFile(text(Slot.ORIGIN_FILE)).originLine(number(Slot.ORIGIN_LINE))
                .originFunction(text(Slot.ORIGIN_FUNCTION)).dataset(text(Slot.DATASET))
                .serviceVersion(text(Slot.SERVICE_VERSION)).serviceEnvironment(text(Slot.SERVICE_ENVIRONMENT));
    }

    /**
     * The traceback in loguru's rendered {@code text} ({@link Slot#RENDERED_TEXT}) of a record with an
     * exception and a message of its own; null otherwise (the text then holds nothing the record does not).
     */
    private String renderedTrace() {
        String rendered = text(Slot.RENDERED_TEXT);
        if (rendered == null || !hasMessage() || text(Slot.ERROR_TYPE) == null) return null;
        int at = rendered.indexOf("\n" + ExceptionLines.PYTHON_HEADER);
        return at < 0 ? null : rendered.substring(at + 1).stripTrailing();
    }

    /** A value that filled no field but must not be lost. */
    private static void keep(LogEvent e, String key, String value) {
        e.attributesOrCreate().putString(key, value);
    }

    private void applyTime(LogEvent e, byte[] b, DecodeOptions options) {
        if (timeKey != null) {
            long t = timeText != null ? Timestamps.parse(timeText.trim(), options.zone())
                    : timeTextStart >= 0 ? parseTrimmed(b, timeTextStart, timeTextEnd, options) : timeNanos;
            if (t != LogEvent.NO_TIME) {
                e.timestampNanos(t);
            } else {
                // docs/schema.md: no parseable time means observed time plus a tag; the value is kept.
                e.attributesOrCreate().putRawJson(timeKey, b, timeStart, timeEnd - timeStart);
            }
        } else if (number(Slot.EPOCH_SECOND) != LogEvent.NO_NUMBER) {
            // log4j2 JsonLayout: "instant": {"epochSecond": s, "nanoOfSecond": n}
            long nanos = number(Slot.NANO_OF_SECOND);
            e.timestampNanos(number(Slot.EPOCH_SECOND) * 1_000_000_000L + (nanos == LogEvent.NO_NUMBER ? 0 : nanos));
        }
    }

    /** {@link Timestamps#parse} of {@code b[from, to)} without the spaces and control characters {@code String.trim} drops. */
    private static long parseTrimmed(byte[] b, int from, int to, DecodeOptions options) {
        while (from < to && b[from] >= 0 && b[from] <= ' ') from++;
        while (to > from && b[to - 1] >= 0 && b[to - 1] <= ' ') to--;
        return Timestamps.parse(b, from, to - from, options.zone());
    }

    private void applyIds(LogEvent e, byte[] b, DecodeOptions options) {
        if (trace.lowerCaseInRecord) {
            e.traceIdHex(b, trace.start + 1, trace.end - trace.start - 2);
        } else {
            String traceId = trace.hexId(e, b, options, "trace.id");
            if (traceId != null) e.traceId(traceId);
            else if (trace.key == null && parentTrace != null) e.traceId(parentTrace);
        }
        if (span.lowerCaseInRecord) {
            e.spanIdHex(b, span.start + 1, span.end - span.start - 2);
        } else {
            String spanId = span.hexId(e, b, options, "span.id");
            if (spanId != null) e.spanId(spanId);
            else if (span.key == null && parentSpan != null) e.spanId(parentSpan);
        }
    }

    /** A string value kept with where it was in the record, for a field that may refuse it (trace and span ids). */
    private static final class SourceValue {
        String key;
        /** The value's text; null when {@link #lowerCaseInRecord}. */
        String text;
        /** {@link #text} is already a valid id, lower-cased: read from the record's bytes. */
        boolean validId;
        /** The value is a valid lower-case id as it is between the quotes at {@link #start} and {@link #end}. */
        boolean lowerCaseInRecord;
        int start;
        int end;

        boolean take(String key, JsonParser p, JsonToken v, byte[] b, int base, int start, int limit) throws IOException {
            if (this.key != null || v != JsonToken.VALUE_STRING) return false;
            this.key = key;
            this.start = start;
            this.end = JsonRecordDecoder.valueEnd(p, v, b, base, start, limit);
            // start and end are the quotes; an id without escapes is read from the bytes, the rest from the parser
            int idCase = end - start >= 2 && b[end - 1] == '"' ? TraceIds.hexIdCase(b, start + 1, end - 1) : TraceIds.NOT_AN_ID;
            setFromBytes(idCase, b, idCase == TraceIds.NOT_AN_ID ? p.getText() : null);
            return true;
        }

        /** {@link #take} for a scanned value ({@link RecordFields#takeScanned}). */
        int takeScanned(String key, boolean string, boolean escaped, byte[] b, int start, int end) {
            if (this.key != null || !string) return KEEP;
            int idCase = TraceIds.hexIdCase(b, start + 1, end - 1);
            if (idCase == TraceIds.NOT_AN_ID && escaped) return NEEDS_PARSER;
            this.key = key;
            this.start = start;
            this.end = end;
            setFromBytes(idCase, b, idCase == TraceIds.NOT_AN_ID
                    ? new String(b, start + 1, end - start - 2, java.nio.charset.StandardCharsets.UTF_8) : null);
            return TAKEN;
        }

        /** Sets the value from {@link TraceIds#hexIdCase} of its bytes, or from {@code otherText} when it is no id. */
        private void setFromBytes(int idCase, byte[] b, String otherText) {
            lowerCaseInRecord = idCase == TraceIds.LOWER_CASE_ID;
            validId = idCase != TraceIds.NOT_AN_ID;
            text = idCase == TraceIds.UPPER_CASE_ID ? TraceIds.hexIdFromBytes(b, start + 1, end - 1)
                    : lowerCaseInRecord ? null : otherText;
        }

        void clear() {
            key = null;
            lowerCaseInRecord = false;
        }

        /** The id, lower-cased; null when absent or invalid (then {@link ValueProblems} has dealt with it). */
        String hexId(LogEvent e, byte[] b, DecodeOptions options, String field) {
            if (key == null) return null;
            if (validId) return text;
            if (TraceIds.isHexId(text)) return TraceIds.normalizeHex(text);
            ValueProblems.invalid(e, options, field, key, b, start, end - start, text);
            return null;
        }
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
