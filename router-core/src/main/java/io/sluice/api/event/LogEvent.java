package io.sluice.api.event;

import io.sluice.api.json.JsonBytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

    // Fields whose "absent" value is not 0 are held xor-ed with it, so that the zeroed memory of a new
    // event already means absent and the constructor writes nothing (an event is allocated per record).
    /** The timestamp xor {@link #NO_TIME}. */
    private long timestampBits;
    private long createdNanos;
    private long sequence;
    private String message;
    /**
     * The message as bytes, when a decoder kept them instead of a String: {@code messageBytes[messageOff,
     * messageOff+messageLen)}, JSON-escaped content (see {@link #messageRaw}) or plain UTF-8 text (see
     * {@link #messageText}). Never modified once set; often a slice of the record's own array.
     */
    private byte[] messageBytes;
    private int messageOff;
    /**
     * The message bytes' length ({@link #LENGTH_MASK}) with two flags in the top bits: {@link #ESCAPED}
     * (JSON-escaped content) and {@link #DECODING} (between {@link #decodingFrom} and {@link #decoded}).
     * Two booleans of their own would make every event 8 bytes larger (object sizes round up to 8).
     */
    private int messageLenAndFlags;
    /**
     * The array the record is read from, which its owner keeps unchanged for as long as the event lives
     * (a raw batch's data): set by {@link #decodingFrom}, kept after {@link #decoded} only while an id
     * is a slice of it; null otherwise.
     */
    private byte[] stableSource;
    private Level level;
    private String serviceName;
    private String hostName;
    private String inputType;
    private String inputId;
    private String stream;
    /** The trace id as a String: set so, or made (once) from {@link #traceIdSlice}. */
    private String traceId;
    private String spanId;
    /**
     * The trace id held as lower-case hex bytes of {@link #stableSource} instead of a String, packed as
     * {@code offset << 7 | length} (an id is 1–64 digits); 0 when not held so. Most JSON records carry an
     * id the encoder only copies: kept so, it costs no String and no char-by-char escaping.
     */
    private int traceIdSlice;
    private int spanIdSlice;
    private String filePath;
    /** The offset xor {@link #NO_OFFSET}. */
    private long offsetBits;
    private String logger;
    private String threadName;
    /**
     * The pid xor {@link Integer#MIN_VALUE} when it fits an {@code int} (every real one does); 0 when
     * absent or too wide, which then lives in {@link Rare#pidWide}.
     */
    private int pidBits;
    private ContainerFields container;
    private SyslogFields syslog;
    private Map<String, String> labels;
    private List<String> tags;
    private Attributes attributes;
    /** The fields most formats never fill, apart so that an event of those formats is smaller; null until one is set. */
    private Rare rare;

    /**
     * Holder of the rarely filled fields. An event is allocated per record, so every field inline
     * costs every event its bytes; these are set by some formats or stages only.
     */
    private static final class Rare implements Cloneable {
        String errorType;
        String errorMessage;
        String errorStackTrace;
        String errorCode;
        String originFile;
        long originLine = NO_NUMBER;
        /** {@code process.pid} when it does not fit {@link #pidBits}. */
        long pidWide = NO_NUMBER;
        String originFunction;
        String dataset;
        String serviceVersion;
        String serviceEnvironment;
        long durationNanos = NO_NUMBER;
        HttpFields http;
        String original;
        String documentId;
        KubernetesMetadata kubernetes;
        Rejection rejection;
        String divertTo;

        /** A copy sharing the immutable values; the mutable {@code http} group is its own. */
        Rare copy() {
            try {
                Rare c = (Rare) super.clone();
                if (http != null) c.http = http.copy();
                return c;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private Rare rare() {
        Rare r = rare;
        if (r == null) {
            r = new Rare();
            rare = r;
        }
        return r;
    }

    /**
     * A copy whose mutable parts (tags, attributes) are its own; used where a stage must change an
     * event that sinks already share (e.g. marking it for the dead-letter path).
     */
    public LogEvent copy() {
        LogEvent c = new LogEvent();
        c.timestampBits = timestampBits;
        c.createdNanos = createdNanos;
        c.sequence = sequence;
        c.message = message;
        c.messageBytes = messageBytes; // never modified once set
        c.messageOff = messageOff;
        c.messageLenAndFlags = messageLenAndFlags & ~DECODING; // a copy is never mid-decoding
        c.level = level;
        c.serviceName = serviceName;
        c.hostName = hostName;
        c.inputType = inputType;
        c.inputId = inputId;
        c.stream = stream;
        c.traceId = traceId;
        c.spanId = spanId;
        c.traceIdSlice = traceIdSlice;
        c.spanIdSlice = spanIdSlice;
        c.stableSource = stableSource; // unchanged while the ids are slices of it
        c.filePath = filePath;
        c.offsetBits = offsetBits;
        c.logger = logger;
        c.threadName = threadName;
        c.pidBits = pidBits;
        c.container = container;
        c.syslog = syslog;
        c.labels = labels;
        c.rare = rare == null ? null : rare.copy();
        c.tags = tags == null ? null : new ArrayList<>(tags);
        if (attributes != null) {
            c.attributes = new Attributes();
            c.attributes.putAll(attributes);
        }
        return c;
    }

    public long timestampNanos() { return timestampBits ^ NO_TIME; }
    public LogEvent timestampNanos(long nanos) { this.timestampBits = nanos ^ NO_TIME; return this; }
    public boolean hasTimestamp() { return timestampBits != 0; }
    public long createdNanos() { return createdNanos; }
    public LogEvent createdNanos(long nanos) { this.createdNanos = nanos; return this; }
    public long sequence() { return sequence; }
    public LogEvent sequence(long sequence) { this.sequence = sequence; return this; }
    /** The message; decoded (once) from the bytes when it was set by {@link #messageRaw} or {@link #messageText}. */
    public String message() {
        String m = message;
        if (m == null && messageBytes != null) {
            m = messageEscaped() ? JsonEscapedText.decode(messageBytes, messageOff, messageLen())
                    : new String(messageBytes, messageOff, messageLen(), StandardCharsets.UTF_8);
            message = m; // a racy but harmless cache: every thread computes the same immutable String
        }
        return m;
    }
    public LogEvent message(String message) { this.message = message; this.messageBytes = null; return this; }
    /** True when the event has a message, without decoding one held as bytes. */
    public boolean hasMessage() { return message != null || messageBytes != null; }

    /**
     * Sets the message from JSON string content as it appeared in the record (escaped, without the
     * quotes). The caller guarantees {@link JsonEscapedText#isVerbatim} holds for the bytes:
     * then writing them back between quotes gives exactly what escaping the decoded message gives,
     * so the encoder copies them and no {@code String} is made unless someone asks for it.
     */
    public LogEvent messageRaw(byte[] src, int off, int len) {
        return messageBytes(src, off, len, true);
    }

    /**
     * Sets the message from valid UTF-8 text (not escaped); the encoder escapes it from the bytes and no
     * {@code String} is made unless someone asks for it.
     */
    public LogEvent messageText(byte[] src, int off, int len) {
        return messageBytes(src, off, len, false);
    }

    private static final int ESCAPED = 1 << 30;
    private static final int DECODING = 1 << 31;
    private static final int LENGTH_MASK = ESCAPED - 1;

    private int messageLen() { return messageLenAndFlags & LENGTH_MASK; }
    private boolean messageEscaped() { return (messageLenAndFlags & ESCAPED) != 0; }
    private boolean decoding() { return (messageLenAndFlags & DECODING) != 0; }

    private LogEvent messageBytes(byte[] src, int off, int len, boolean escaped) {
        if (len > LENGTH_MASK) { // a record of 1 GiB or more: the length does not fit beside the flags
            return message(escaped ? JsonEscapedText.decode(src, off, len) : new String(src, off, len, StandardCharsets.UTF_8));
        }
        if (decoding()) {
            messageBytes = src; // referenced for now; decoded() copies it unless src is the stable array
            messageOff = off;
        } else {
            messageBytes = Arrays.copyOfRange(src, off, off + len);
            messageOff = 0;
        }
        messageLenAndFlags = messageLenAndFlags & DECODING | (escaped ? ESCAPED : 0) | len;
        message = null;
        return this;
    }

    /**
     * True when the message is held as plain UTF-8 text bytes that are exactly {@code array[off, off+len)}:
     * lets a decoder that unescaped a record into its own buffer put the record's escaped form in their
     * place ({@link #messageRaw}) before {@link #decoded} would copy them.
     */
    public boolean messageTextIn(byte[] array, int off, int len) {
        return messageBytes == array && !messageEscaped() && messageOff == off && messageLen() == len;
    }

    /**
     * Starts the decoding of one record read from {@code stable}, an array its owner keeps unchanged for
     * as long as this event lives (the pipeline's raw batch data). Until {@link #decoded}, message bytes a
     * decoder keeps are referenced where they are, also in the decoder's own buffers.
     */
    public LogEvent decodingFrom(byte[] stable) {
        this.stableSource = stable;
        this.messageLenAndFlags = stable != null ? messageLenAndFlags | DECODING : messageLenAndFlags & ~DECODING;
        return this;
    }

    /**
     * True while decoding from {@code array}, the stable array of {@link #decodingFrom}: a decoder may
     * then keep slices of it (attributes, structured data) without a copy: its owner keeps it unchanged for
     * as long as the event lives.
     */
    public boolean decodingFromStable(byte[] array) {
        return decoding() && array == stableSource;
    }

    /**
     * Ends the decoding begun by {@link #decodingFrom}: message bytes held anywhere but in the stable
     * array are copied now, before the decoders reuse their buffers; bytes of the record stay a slice of it.
     */
    public LogEvent decoded() {
        if (messageBytes != null && decoding() && messageBytes != stableSource) {
            messageBytes = Arrays.copyOfRange(messageBytes, messageOff, messageOff + messageLen());
            messageOff = 0;
        }
        messageLenAndFlags &= ~DECODING;
        if (traceIdSlice == 0 && spanIdSlice == 0) stableSource = null;
        return this;
    }

    /**
     * Appends the message as a JSON string from the bytes it is held as and returns true; false (and
     * nothing written) when the message is a {@code String} or absent.
     */
    public boolean writeMessageBytes(JsonBytes out) {
        if (messageBytes == null) return false;
        if (messageEscaped()) {
            // already escaped exactly as JsonBytes.string would escape it (JsonEscapedText.isVerbatim)
            out.quoted(messageBytes, messageOff, messageLen());
        } else {
            out.utf8String(messageBytes, messageOff, messageLen());
        }
        return true;
    }

    /** A copy of the message's escaped bytes set by {@link #messageRaw}, or null when it is not held so (for tests). */
    public byte[] messageRawBytes() {
        return messageBytes != null && messageEscaped() ? Arrays.copyOfRange(messageBytes, messageOff, messageOff + messageLen()) : null;
    }
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
    /** The trace id, lower-case hex when a decoder validated it; made (once) from the bytes it is held as. */
    public String traceId() {
        String id = traceId;
        if (id == null && traceIdSlice != 0) {
            id = idText(traceIdSlice);
            traceId = id; // a racy but harmless cache, as for the message
        }
        return id;
    }
    public LogEvent traceId(String id) { this.traceId = id; this.traceIdSlice = 0; return this; }
    public boolean hasTraceId() { return traceId != null || traceIdSlice != 0; }
    /**
     * Sets the trace id from {@code len} bytes at {@code off} of {@code src} that the caller validated as
     * a lower-case hex id ({@code TraceIds.hexIdCase}). While decoding from the stable array they are kept
     * as a slice of it, else copied into a String.
     */
    public LogEvent traceIdHex(byte[] src, int off, int len) {
        traceIdSlice = idSlice(src, off, len);
        traceId = traceIdSlice == 0 ? new String(src, off, len, StandardCharsets.ISO_8859_1) : null;
        return this;
    }
    /** Appends the trace id as a JSON string from the bytes it is held as and returns true; false (nothing written) otherwise. */
    public boolean writeTraceIdBytes(JsonBytes out) { return writeId(traceIdSlice, out); }

    /** The span id; as {@link #traceId()}. */
    public String spanId() {
        String id = spanId;
        if (id == null && spanIdSlice != 0) {
            id = idText(spanIdSlice);
            spanId = id;
        }
        return id;
    }
    public LogEvent spanId(String id) { this.spanId = id; this.spanIdSlice = 0; return this; }
    public boolean hasSpanId() { return spanId != null || spanIdSlice != 0; }
    /** As {@link #traceIdHex}. */
    public LogEvent spanIdHex(byte[] src, int off, int len) {
        spanIdSlice = idSlice(src, off, len);
        spanId = spanIdSlice == 0 ? new String(src, off, len, StandardCharsets.ISO_8859_1) : null;
        return this;
    }
    /** As {@link #writeTraceIdBytes}. */
    public boolean writeSpanIdBytes(JsonBytes out) { return writeId(spanIdSlice, out); }

    private static final int ID_LENGTH_BITS = 7;
    private static final int ID_LENGTH_MASK = (1 << ID_LENGTH_BITS) - 1;

    /** The packed slice of an id in the stable array, or 0 when it cannot be one (then it is copied). */
    private int idSlice(byte[] src, int off, int len) {
        boolean packable = len > 0 && len <= 64 && off < (1 << (31 - ID_LENGTH_BITS));
        return decodingFromStable(src) && packable ? off << ID_LENGTH_BITS | len : 0;
    }

    private String idText(int slice) {
        return new String(stableSource, slice >>> ID_LENGTH_BITS, slice & ID_LENGTH_MASK, StandardCharsets.ISO_8859_1);
    }

    private boolean writeId(int slice, JsonBytes out) {
        if (slice == 0) return false;
        out.quoted(stableSource, slice >>> ID_LENGTH_BITS, slice & ID_LENGTH_MASK); // hex digits need no escape
        return true;
    }
    public String filePath() { return filePath; }
    public LogEvent filePath(String path) { this.filePath = path; return this; }
    public long offset() { return offsetBits ^ NO_OFFSET; }
    public LogEvent offset(long offset) { this.offsetBits = offset ^ NO_OFFSET; return this; }
    public String errorType() { return rare == null ? null : rare.errorType; }
    public LogEvent errorType(String type) {
        if (type != null || rare != null) rare().errorType = type;
        return this;
    }
    public String errorMessage() { return rare == null ? null : rare.errorMessage; }
    public LogEvent errorMessage(String message) {
        if (message != null || rare != null) rare().errorMessage = message;
        return this;
    }
    public String errorStackTrace() { return rare == null ? null : rare.errorStackTrace; }
    public LogEvent errorStackTrace(String trace) {
        if (trace != null || rare != null) rare().errorStackTrace = trace;
        return this;
    }
    public String errorCode() { return rare == null ? null : rare.errorCode; }
    public LogEvent errorCode(String code) {
        if (code != null || rare != null) rare().errorCode = code;
        return this;
    }
    /** {@code log.logger}: the name of the logger inside the application (a class or module name). */
    public String logger() { return logger; }
    public LogEvent logger(String logger) { this.logger = logger; return this; }
    /** {@code process.thread.name} */
    public String threadName() { return threadName; }
    public LogEvent threadName(String name) { this.threadName = name; return this; }
    /** {@code process.pid}, or {@link #NO_NUMBER} */
    public long pid() {
        if (pidBits != 0) return pidBits ^ Integer.MIN_VALUE;
        return rare == null ? NO_NUMBER : rare.pidWide;
    }
    public LogEvent pid(long pid) {
        int narrow = (int) pid;
        if (narrow == pid && narrow != Integer.MIN_VALUE) {
            pidBits = narrow ^ Integer.MIN_VALUE;
            if (rare != null) rare.pidWide = NO_NUMBER;
        } else {
            pidBits = 0;
            if (pid != NO_NUMBER || rare != null) rare().pidWide = pid;
        }
        return this;
    }
    /** {@code log.origin.file.name}: the source file that logged */
    public String originFile() { return rare == null ? null : rare.originFile; }
    public LogEvent originFile(String file) {
        if (file != null || rare != null) rare().originFile = file;
        return this;
    }
    /** {@code log.origin.file.line}, or {@link #NO_NUMBER} */
    public long originLine() { return rare == null ? NO_NUMBER : rare.originLine; }
    public LogEvent originLine(long line) {
        if (line != NO_NUMBER || rare != null) rare().originLine = line;
        return this;
    }
    /** {@code log.origin.function} */
    public String originFunction() { return rare == null ? null : rare.originFunction; }
    public LogEvent originFunction(String function) {
        if (function != null || rare != null) rare().originFunction = function;
        return this;
    }
    /** {@code event.dataset} */
    public String dataset() { return rare == null ? null : rare.dataset; }
    public LogEvent dataset(String dataset) {
        if (dataset != null || rare != null) rare().dataset = dataset;
        return this;
    }
    /** {@code service.version} */
    public String serviceVersion() { return rare == null ? null : rare.serviceVersion; }
    public LogEvent serviceVersion(String version) {
        if (version != null || rare != null) rare().serviceVersion = version;
        return this;
    }
    /** {@code service.environment} */
    public String serviceEnvironment() { return rare == null ? null : rare.serviceEnvironment; }
    public LogEvent serviceEnvironment(String environment) {
        if (environment != null || rare != null) rare().serviceEnvironment = environment;
        return this;
    }
    /** {@code event.duration} in nanoseconds (as ECS counts it), or {@link #NO_NUMBER} */
    public long durationNanos() { return rare == null ? NO_NUMBER : rare.durationNanos; }
    public LogEvent durationNanos(long nanos) {
        if (nanos != NO_NUMBER || rare != null) rare().durationNanos = nanos;
        return this;
    }
    /** The access-log group ({@code http.*}, {@code url.*}, {@code client.ip}, {@code user_agent.original}); null when absent. */
    public HttpFields http() { return rare == null ? null : rare.http; }
    public LogEvent http(HttpFields http) {
        if (http != null || rare != null) rare().http = http;
        return this;
    }
    public HttpFields httpOrCreate() {
        Rare r = rare();
        if (r.http == null) r.http = new HttpFields();
        return r.http;
    }
    public String original() { return rare == null ? null : rare.original; }
    public LogEvent original(String original) {
        if (original != null || rare != null) rare().original = original;
        return this;
    }
    /** Stable id for sinks that deduplicate (Elasticsearch {@code create}); null when none was assigned. */
    public String documentId() { return rare == null ? null : rare.documentId; }
    public LogEvent documentId(String id) {
        if (id != null || rare != null) rare().documentId = id;
        return this;
    }
    public ContainerFields container() { return container; }
    public LogEvent container(ContainerFields container) { this.container = container; return this; }
    /** What the Kubernetes API says about the event's pod; null unless a {@code kubernetes_metadata} transform found it. */
    public KubernetesMetadata kubernetes() { return rare == null ? null : rare.kubernetes; }
    public LogEvent kubernetes(KubernetesMetadata metadata) {
        if (metadata != null || rare != null) rare().kubernetes = metadata;
        return this;
    }
    public Map<String, String> labels() { return labels; }
    /** Static labels from config; the map is shared between events and never modified. */
    public LogEvent labels(Map<String, String> labels) { this.labels = labels; return this; }
    /** Why a stage refused the event; such an event goes to the dead-letter path, not to the routes. */
    public Rejection rejection() { return rare == null ? null : rare.rejection; }
    public LogEvent reject(Rejection rejection) {
        if (rejection != null || rare != null) rare().rejection = rejection;
        return this;
    }

    /** The output a transform sent the event to instead of the routes (e.g. throttle overflow), or null. */
    public String divertTo() { return rare == null ? null : rare.divertTo; }
    public LogEvent divertTo(String outputId) {
        if (outputId != null || rare != null) rare().divertTo = outputId;
        return this;
    }

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
