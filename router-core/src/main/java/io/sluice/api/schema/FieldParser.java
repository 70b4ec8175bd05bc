package io.sluice.api.schema;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.plugin.RecordDecoder;

import java.nio.charset.StandardCharsets;

/**
 * Parses the text of one field of an already normalized event with a named format or user parser (remap's
 * {@code parse}, a pod's {@code sluice.io/format} annotation) and merges what the format found into
 * the event: the fields it read replace the event's, the rest stay. A text the format cannot read
 * leaves the event as it was, tagged {@code parse_failed}. Safe for several workers at once (one
 * decoder per thread, as the inputs do).
 */
public final class FieldParser {
    private final ThreadLocal<RecordDecoder> decoders;

    /** @throws IllegalArgumentException for a name that is not one of {@link RecordFormats#STANDARD} */
    public FieldParser(String format) {
        this(RecordFormats.STANDARD.decoders(format, DecodeOptions.DEFAULT));
    }

    /** A user-defined parser (an entry of {@code parsers:}): text its pattern does not match is {@code parse_failed}. */
    public FieldParser(RecordParser parser) {
        this(() -> (b, off, len, event) -> {
            if (!parser.apply(b, off, len, event, DecodeOptions.DEFAULT)) event.addTag(Tags.PARSE_FAILED);
        });
    }

    private FieldParser(RecordDecoder.Factory factory) {
        this.decoders = ThreadLocal.withInitial(factory::create);
    }

    /** Parses {@code text} into {@code target}; false when the format could not read it. */
    public boolean parseInto(String text, LogEvent target) {
        LogEvent parsed = new LogEvent();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        decoders.get().decode(bytes, 0, bytes.length, parsed);
        if (parsed.hasTag(Tags.PARSE_FAILED) || parsed.rejection() != null) {
            target.addTag(Tags.PARSE_FAILED);
            return false;
        }
        merge(parsed, target);
        return true;
    }

    private static void merge(LogEvent from, LogEvent to) {
        if (from.hasMessage()) to.message(from.message());
        if (from.hasTimestamp()) {
            to.timestampNanos(from.timestampNanos());
            to.removeTag(Tags.TIMESTAMP_MISSING);
        }
        if (from.level() != null) to.level(from.level());
        if (from.serviceName() != null) to.serviceName(from.serviceName());
        if (from.traceId() != null) to.traceId(from.traceId());
        if (from.spanId() != null) to.spanId(from.spanId());
        if (from.logger() != null) to.logger(from.logger());
        if (from.threadName() != null) to.threadName(from.threadName());
        if (from.pid() != LogEvent.NO_NUMBER) to.pid(from.pid());
        if (from.errorType() != null) to.errorType(from.errorType());
        if (from.errorMessage() != null) to.errorMessage(from.errorMessage());
        if (from.errorStackTrace() != null) to.errorStackTrace(from.errorStackTrace());
        if (from.errorCode() != null) to.errorCode(from.errorCode());
        if (from.originFile() != null) to.originFile(from.originFile());
        if (from.originLine() != LogEvent.NO_NUMBER) to.originLine(from.originLine());
        if (from.originFunction() != null) to.originFunction(from.originFunction());
        if (from.durationNanos() != LogEvent.NO_NUMBER) to.durationNanos(from.durationNanos());
        if (from.http() != null && !from.http().isEmpty()) to.http(from.http()); // the parsed access line's request replaces any other
        if (from.attributes() != null && !from.attributes().isEmpty()) to.attributesOrCreate().putAll(from.attributes());
        for (String tag : from.tags()) to.addTag(tag);
    }
}
