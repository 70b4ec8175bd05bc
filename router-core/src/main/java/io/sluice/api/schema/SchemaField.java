package io.sluice.api.schema;

import io.sluice.api.event.LogEvent;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The schema v1 fields a user-defined parser's capture or an input's alias may fill, by their
 * dotted name, each with the type its value must convert to. One list for both, so the names a user
 * may write are the same everywhere and validation can say which ones exist.
 */
public enum SchemaField {
    MESSAGE("message", CaptureType.STRING, (e, v) -> e.message((String) v)),
    TIMESTAMP("@timestamp", CaptureType.TIMESTAMP, (e, v) -> e.timestampNanos((Long) v)),
    LEVEL("log.level", CaptureType.LEVEL, (e, v) -> e.level((io.sluice.api.event.Level) v)),
    LOGGER("log.logger", CaptureType.STRING, (e, v) -> e.logger((String) v)),
    THREAD("process.thread.name", CaptureType.STRING, (e, v) -> e.threadName((String) v)),
    PID("process.pid", CaptureType.INT, (e, v) -> e.pid((Long) v)),
    SERVICE("service.name", CaptureType.STRING, (e, v) -> e.serviceName((String) v)),
    SERVICE_VERSION("service.version", CaptureType.STRING, (e, v) -> e.serviceVersion((String) v)),
    SERVICE_ENVIRONMENT("service.environment", CaptureType.STRING, (e, v) -> e.serviceEnvironment((String) v)),
    DATASET("event.dataset", CaptureType.STRING, (e, v) -> e.dataset((String) v)),
    HOST("host.name", CaptureType.STRING, (e, v) -> e.hostName((String) v)),
    TRACE("trace.id", CaptureType.HEX_ID, (e, v) -> e.traceId((String) v)),
    SPAN("span.id", CaptureType.HEX_ID, (e, v) -> e.spanId((String) v)),
    ERROR_MESSAGE("error.message", CaptureType.STRING, (e, v) -> e.errorMessage((String) v)),
    ERROR_TYPE("error.type", CaptureType.STRING, (e, v) -> e.errorType((String) v)),
    ERROR_STACK("error.stack_trace", CaptureType.STRING, (e, v) -> e.errorStackTrace((String) v)),
    ORIGIN_FILE("log.origin.file.name", CaptureType.STRING, (e, v) -> e.originFile((String) v)),
    ORIGIN_LINE("log.origin.file.line", CaptureType.INT, (e, v) -> e.originLine((Long) v)),
    ORIGIN_FUNCTION("log.origin.function", CaptureType.STRING, (e, v) -> e.originFunction((String) v));

    private final String path;
    private final CaptureType type;
    private final BiConsumer<LogEvent, Object> setter;

    SchemaField(String path, CaptureType type, BiConsumer<LogEvent, Object> setter) {
        this.path = path;
        this.type = type;
        this.setter = setter;
    }

    /** The dotted name, as in docs/schema.md. */
    public String path() {
        return path;
    }

    /** The type a value must convert to for this field. */
    public CaptureType type() {
        return type;
    }

    /** Sets the field to a value of {@link #type()}, as {@link CaptureType#convert} returns it. */
    void set(LogEvent event, Object value) {
        setter.accept(event, value);
    }

    /** The field named {@code path}, or null. */
    public static SchemaField byPath(String path) {
        for (SchemaField f : values()) {
            if (f.path.equals(path)) return f;
        }
        return null;
    }

    /** Every name, for messages. */
    public static List<String> paths() {
        return Arrays.stream(values()).map(SchemaField::path).toList();
    }
}
