package io.sluice.api.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One event in schema v1 (docs/schema.md), filled by a decoder and the normalizer on a worker
 * thread, encoded to JSON once, then only read. Times are nanoseconds since the epoch, UTC.
 *
 * <p>A plain mutable holder rather than a map: the schema is fixed, and fields are written by the
 * hot path without boxing or hashing. Fields of the source record that have no schema field go to
 * {@link #attributes()}.
 */
public final class LogEvent {
    public static final long NO_TIME = Long.MIN_VALUE;
    public static final long NO_OFFSET = -1;
    /** An absent optional number ({@code process.pid}, {@code log.origin.file.line}, {@code event.duration}). */
    public static final long NO_NUMBER = Long.MIN_VALUE;

    private long timestampNanos = NO_TIME;
    private long createdNanos;
    private long sequence;
    private String message;
    /** The message as JSON-escaped UTF-8 (no quotes), when a decoder kept the record's bytes; see {@link #messageRaw}. */
    private byte[] messageRaw;
    private Level level;
    private String serviceName;
    private String hostName;
    private String inputType;
    private String inputId;
    private String stream;
    private String traceId;
    private String spanId;
    private String filePath;
    private long offset = NO_OFFSET;
    private String errorType;
    private String errorMessage;
    private String errorStackTrace;
    private String errorCode;
    private String logger;
    private String threadName;
    private long pid = NO_NUMBER;
    private String originFile;
    private long originLine = NO_NUMBER;
    private String originFunction;
    private String dataset;
    private String serviceVersion;
    private String serviceEnvironment;
    private long durationNanos = NO_NUMBER;
    private HttpFields http;
    private String original;
    private String documentId;
    private ContainerFields container;
    private KubernetesMetadata kubernetes;
    private SyslogFields syslog;
    private Map<String, String> labels;
    private List<String> tags;
    private Attributes attributes;
    private Rejection rejection;
    private String divertTo;

    /**
     * A copy whose mutable parts (tags, attributes) are its own; used where a stage must change an
     * event that sinks already share (e.g. marking it for the dead-letter path).
     */
    public LogEvent copy() {
        LogEvent c = new LogEvent();
        c.timestampNanos = timestampNanos;
        c.createdNanos = createdNanos;
        c.sequence = sequence;
        c.message = message;
        c.messageRaw = messageRaw; // never modified once set
        c.level = level;
        c.serviceName = serviceName;
        c.hostName = hostName;
        c.inputType = inputType;
        c.inputId = inputId;
        c.stream = stream;
        c.traceId = traceId;
        c.spanId = spanId;
        c.filePath = filePath;
        c.offset = offset;
        c.errorType = errorType;
        c.errorMessage = errorMessage;
        c.errorStackTrace = errorStackTrace;
        c.errorCode = errorCode;
        c.logger = logger;
        c.threadName = threadName;
        c.pid = pid;
        c.originFile = originFile;
        c.originLine = originLine;
        c.originFunction = originFunction;
        c.dataset = dataset;
        c.serviceVersion = serviceVersion;
        c.serviceEnvironment = serviceEnvironment;
        c.durationNanos = durationNanos;
        c.http = http == null ? null : http.copy();
        c.original = original;
        c.documentId = documentId;
        c.container = container;
        c.kubernetes = kubernetes;
        c.syslog = syslog;
        c.labels = labels;
        c.tags = tags == null ? null : new ArrayList<>(tags);
        if (attributes != null) {
            c.attributes = new Attributes();
            c.attributes.putAll(attributes);
        }
        c.rejection = rejection;
        c.divertTo = divertTo;
        return c;
    }

    public long timestampNanos() { return timestampNanos; }
    public LogEvent timestampNanos(long nanos) { this.timestampNanos = nanos; return this; }
    public boolean hasTimestamp() { return timestampNanos != NO_TIME; }
    public long createdNanos() { return createdNanos; }
    public LogEvent createdNanos(long nanos) { this.createdNanos = nanos; return this; }
    public long sequence() { return sequence; }
    public LogEvent sequence(long sequence) { this.sequence = sequence; return this; }
    /** The message; decoded (once) from the escaped bytes when it was set by {@link #messageRaw}. */
    public String message() {
        String m = message;
        if (m == null && messageRaw != null) {
            m = JsonEscapedText.decode(messageRaw);
            message = m; // a racy but harmless cache: every thread computes the same immutable String
        }
        return m;
    }
    public LogEvent message(String message) { this.message = message; this.messageRaw = null; return this; }
    /** True when the event has a message, without decoding one held as escaped bytes. */
    public boolean hasMessage() { return message != null || messageRaw != null; }

    /**
     * Sets the message from JSON string content as it appeared in the record (escaped, without the
     * quotes), copied. The caller guarantees {@link JsonEscapedText#isVerbatim} holds for the bytes:
     * then writing them back between quotes gives exactly what escaping the decoded message gives,
     * so the encoder copies them and no {@code String} is made unless someone asks for it.
     */
    public LogEvent messageRaw(byte[] src, int off, int len) {
        this.messageRaw = java.util.Arrays.copyOfRange(src, off, off + len);
        this.message = null;
        return this;
    }

    /** The message's escaped bytes set by {@link #messageRaw}, or null; callers must not modify them. */
    public byte[] messageRawBytes() { return messageRaw; }
    public Level level() { return level; }
    public LogEvent level(Level level) { this.level = level; return this; }
    public String serviceName() { return serviceName; }
    public LogEvent serviceName(String name) { this.serviceName = name; return this; }
    public String hostName() { return hostName; }
    public LogEvent hostName(String name) { this.hostName = name; return this; }
    public String inputType() { return inputType; }
    public LogEvent inputType(String type) { this.inputType = type; return this; }
    /** The id of the configured input that read the event; used by routes, not part of the schema. */
    public String inputId() { return inputId; }
    public LogEvent inputId(String id) { this.inputId = id; return this; }
    public String stream() { return stream; }
    public LogEvent stream(String stream) { this.stream = stream; return this; }
    public String traceId() { return traceId; }
    public LogEvent traceId(String id) { this.traceId = id; return this; }
    public String spanId() { return spanId; }
    public LogEvent spanId(String id) { this.spanId = id; return this; }
    public String filePath() { return filePath; }
    public LogEvent filePath(String path) { this.filePath = path; return this; }
    public long offset() { return offset; }
    public LogEvent offset(long offset) { this.offset = offset; return this; }
    public String errorType() { return errorType; }
    public LogEvent errorType(String type) { this.errorType = type; return this; }
    public String errorMessage() { return errorMessage; }
    public LogEvent errorMessage(String message) { this.errorMessage = message; return this; }
    public String errorStackTrace() { return errorStackTrace; }
    public LogEvent errorStackTrace(String trace) { this.errorStackTrace = trace; return this; }
    public String errorCode() { return errorCode; }
    public LogEvent errorCode(String code) { this.errorCode = code; return this; }
    /** {@code log.logger}: the name of the logger inside the application (a class or module name). */
    public String logger() { return logger; }
    public LogEvent logger(String logger) { this.logger = logger; return this; }
    /** {@code process.thread.name} */
    public String threadName() { return threadName; }
    public LogEvent threadName(String name) { this.threadName = name; return this; }
    /** {@code process.pid}, or {@link #NO_NUMBER} */
    public long pid() { return pid; }
    public LogEvent pid(long pid) { this.pid = pid; return this; }
    /** {@code log.origin.file.name}: the source file that logged */
    public String originFile() { return originFile; }
    public LogEvent originFile(String file) { this.originFile = file; return this; }
    /** {@code log.origin.file.line}, or {@link #NO_NUMBER} */
    public long originLine() { return originLine; }
    public LogEvent originLine(long line) { this.originLine = line; return this; }
    /** {@code log.origin.function} */
    public String originFunction() { return originFunction; }
    public LogEvent originFunction(String function) { this.originFunction = function; return this; }
    /** {@code event.dataset} */
    public String dataset() { return dataset; }
    public LogEvent dataset(String dataset) { this.dataset = dataset; return this; }
    /** {@code service.version} */
    public String serviceVersion() { return serviceVersion; }
    public LogEvent serviceVersion(String version) { this.serviceVersion = version; return this; }
    /** {@code service.environment} */
    public String serviceEnvironment() { return serviceEnvironment; }
    public LogEvent serviceEnvironment(String environment) { this.serviceEnvironment = environment; return this; }
    /** {@code event.duration} in nanoseconds (as ECS counts it), or {@link #NO_NUMBER} */
    public long durationNanos() { return durationNanos; }
    public LogEvent durationNanos(long nanos) { this.durationNanos = nanos; return this; }
    /** The access-log group ({@code http.*}, {@code url.*}, {@code client.ip}, {@code user_agent.original}); null when absent. */
    public HttpFields http() { return http; }
    public LogEvent http(HttpFields http) { this.http = http; return this; }
    public HttpFields httpOrCreate() {
        if (http == null) http = new HttpFields();
        return http;
    }
    public String original() { return original; }
    public LogEvent original(String original) { this.original = original; return this; }
    /** Stable id for sinks that deduplicate (Elasticsearch {@code create}); null when none was assigned. */
    public String documentId() { return documentId; }
    public LogEvent documentId(String id) { this.documentId = id; return this; }
    public ContainerFields container() { return container; }
    public LogEvent container(ContainerFields container) { this.container = container; return this; }
    /** What the Kubernetes API says about the event's pod; null unless a {@code kubernetes_metadata} transform found it. */
    public KubernetesMetadata kubernetes() { return kubernetes; }
    public LogEvent kubernetes(KubernetesMetadata metadata) { this.kubernetes = metadata; return this; }
    public Map<String, String> labels() { return labels; }
    /** Static labels from config; the map is shared between events and never modified. */
    public LogEvent labels(Map<String, String> labels) { this.labels = labels; return this; }
    /** Why a stage refused the event; such an event goes to the dead-letter path, not to the routes. */
    public Rejection rejection() { return rejection; }
    public LogEvent reject(Rejection rejection) { this.rejection = rejection; return this; }

    /** The output a transform sent the event to instead of the routes (e.g. throttle overflow), or null. */
    public String divertTo() { return divertTo; }
    public LogEvent divertTo(String outputId) { this.divertTo = outputId; return this; }

    public SyslogFields syslog() { return syslog; }
    public SyslogFields syslogOrCreate() {
        if (syslog == null) syslog = new SyslogFields();
        return syslog;
    }

    public List<String> tags() { return tags == null ? List.of() : tags; }
    public boolean hasTag(String tag) { return tags != null && tags.contains(tag); }
    public LogEvent removeTag(String tag) {
        if (tags != null) tags.remove(tag);
        return this;
    }
    public LogEvent addTag(String tag) {
        if (tags == null) tags = new ArrayList<>(2);
        if (!tags.contains(tag)) tags.add(tag);
        return this;
    }

    /** The attributes, or null when the event has none. */
    public Attributes attributes() { return attributes; }
    public LogEvent attributes(Attributes attributes) { this.attributes = attributes; return this; }
    public Attributes attributesOrCreate() {
        if (attributes == null) attributes = new Attributes();
        return attributes;
    }
}
