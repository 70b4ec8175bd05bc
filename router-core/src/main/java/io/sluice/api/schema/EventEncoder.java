package io.sluice.api.schema;

import io.sluice.api.event.Attributes;
import io.sluice.api.event.ContainerFields;
import io.sluice.api.event.HttpFields;
import io.sluice.api.event.KubernetesMetadata;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.SyslogFields;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.json.RepeatedJsonStrings;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link LogEvent} as one line of schema v1 JSON with nested ECS objects
 * ({@code {"@timestamp":..., "log":{"level":...}, ...}}), the form Elasticsearch, jq and most log
 * tools read without mapping. Fields appear in a fixed order; absent optional fields are left out.
 * Its only state is caches of repeated JSON (strings, the last {@code event.created}), safe to share
 * between threads; the caller supplies the buffer.
 */
public final class EventEncoder {

    /*
     * The JSON of Strings that repeat as the same instance (host, service, app names, the input type),
     * one cache per field with the field's key kept in it: a value seen before is one copy of key and
     * value, instead of a check of every character, which was the encoder's largest cost on syslog
     * events. Shared by the threads that use this encoder; see {@link RepeatedJsonStrings}.
     */
    private final RepeatedJsonStrings serviceName = repeated("},\"service\":{\"name\":"); // closes "log"
    private final RepeatedJsonStrings hostName = repeated("},\"host\":{\"name\":"); // closes "service"
    private final RepeatedJsonStrings dataset = repeated(",\"dataset\":");
    private final RepeatedJsonStrings inputType = repeated("},\"input\":{\"type\":"); // closes "event"
    /** {@code log.syslog}'s, keyed {@code ,"name":}: written from the key's second byte when first in the object. */
    private final RepeatedJsonStrings syslogHostname = repeated(",\"hostname\":");
    private final RepeatedJsonStrings syslogAppname = repeated(",\"appname\":");
    private final RepeatedJsonStrings syslogProcid = repeated(",\"procid\":");
    private final RepeatedJsonStrings syslogMsgid = repeated(",\"msgid\":");

    /** Appends the event's JSON (no trailing newline) to {@code out}. */
    public void encode(LogEvent e, JsonBytes out) {
        out.raw(TIMESTAMP_KEY);
        Timestamps.writeRfc3339(e.timestampNanos(), out);
        out.raw(MESSAGE_KEY);
        if (!e.writeMessageBytes(out)) out.string(e.message() == null ? "" : e.message());

        out.raw(LOG_LEVEL[e.level().ordinal()]);
        if (e.logger() != null) out.ascii(",\"logger\":").string(e.logger());
        if (e.originFile() != null || e.originLine() != LogEvent.NO_NUMBER || e.originFunction() != null) {
            writeOrigin(e, out);
        }
        if (e.filePath() != null) {
            out.ascii(",\"file\":{\"path\":").string(e.filePath()).raw((byte) '}');
        }
        if (e.offset() != LogEvent.NO_OFFSET) out.ascii(",\"offset\":").number(e.offset());
        if (e.syslog() != null) writeSyslog(e.syslog(), out);

        serviceName.write(e.serviceName(), out);
        if (e.serviceVersion() != null) out.ascii(",\"version\":").string(e.serviceVersion());
        if (e.serviceEnvironment() != null) out.ascii(",\"environment\":").string(e.serviceEnvironment());
        hostName.write(e.hostName(), out);
        if (e.pid() != LogEvent.NO_NUMBER || e.threadName() != null) writeProcess(e, out);
        writeCreated(e.createdNanos(), out); // closes "host" or "process"
        out.number(e.sequence());
        if (e.dataset() != null) dataset.write(e.dataset(), out);
        if (e.durationNanos() != LogEvent.NO_NUMBER) out.ascii(",\"duration\":").number(e.durationNanos());
        if (e.original() != null) out.ascii(",\"original\":").string(e.original());
        inputType.write(e.inputType(), out);
        out.raw(ECS_VERSION); // closes "input"

        if (e.stream() != null) out.ascii(",\"stream\":").string(e.stream());
        ContainerFields c = e.container();
        KubernetesMetadata k = e.kubernetes();
        if (c != null || k != null) writeContainer(c == null ? ContainerFields.NONE : c, k, out);
        if (e.hasTraceId()) {
            out.ascii(",\"trace\":{\"id\":");
            if (!e.writeTraceIdBytes(out)) out.string(e.traceId());
            out.raw((byte) '}');
        }
        if (e.hasSpanId()) {
            out.ascii(",\"span\":{\"id\":");
            if (!e.writeSpanIdBytes(out)) out.string(e.spanId());
            out.raw((byte) '}');
        }
        if (e.errorType() != null || e.errorMessage() != null || e.errorStackTrace() != null
                || e.errorCode() != null) {
            out.ascii(",\"error\":{");
            boolean first = true;
            first = optional(out, first, "code", e.errorCode());
            first = optional(out, first, "type", e.errorType());
            first = optional(out, first, "message", e.errorMessage());
            optional(out, first, "stack_trace", e.errorStackTrace());
            out.raw((byte) '}');
        }
        if (e.http() != null && !e.http().isEmpty()) writeHttp(e.http(), out);
        Map<String, String> labels = e.labels();
        if (labels != null && !labels.isEmpty()) {
            out.ascii(",\"labels\":");
            writeStringMap(labels, out);
        }
        List<String> tags = e.tags();
        if (!tags.isEmpty()) {
            out.ascii(",\"tags\":[");
            for (int i = 0; i < tags.size(); i++) {
                if (i > 0) out.raw((byte) ',');
                out.string(tags.get(i));
            }
            out.raw((byte) ']');
        }
        Attributes attributes = e.attributes();
        if (attributes != null && !attributes.isEmpty()) {
            out.ascii(",\"attributes\":");
            attributes.writeObject(out);
        }
        out.raw((byte) '}');
    }

    /**
     * {@code event.created} is the time a batch was published (the daemon's inputs give every event of
     * a raw batch the same one), so the JSON from {@code },"event":{"created":} to {@code ,"sequence":}
     * of the last time written is kept: an event with the same time is one compare and one copy, not a
     * time formatted and two copies. A time is kept only the second time in a row it comes, so inputs
     * whose events each carry their own (OTLP's observed time) cost a store, not an array. Racy but safe
     * between threads, as the string caches are: the holder is immutable, and a lost write is a miss.
     */
    private record CreatedJson(long nanos, byte[] json) {}

    private CreatedJson lastCreatedJson;
    private long lastCreatedNanos = Long.MIN_VALUE;

    private void writeCreated(long createdNanos, JsonBytes out) {
        CreatedJson kept = lastCreatedJson;
        if (kept != null && kept.nanos == createdNanos) {
            out.raw(kept.json);
            return;
        }
        int start = out.length();
        out.raw(EVENT_CREATED_KEY);
        Timestamps.writeRfc3339(createdNanos, out);
        out.raw(SEQUENCE_KEY);
        if (createdNanos == lastCreatedNanos) {
            lastCreatedJson = new CreatedJson(createdNanos, Arrays.copyOfRange(out.array(), start, out.length()));
        }
        lastCreatedNanos = createdNanos;
    }

    /** Encodes to a new array; for tests and the slow paths (dead letters, diagnostics). */
    public byte[] encode(LogEvent e) {
        JsonBytes out = new JsonBytes(512);
        encode(e, out);
        return out.toByteArray();
    }

    /*
     * The constant stretches of every event's JSON, each with the punctuation around it, as bytes: one
     * copy each instead of a String's and a few single bytes'.
     */
    private static final byte[] TIMESTAMP_KEY = ascii("{\"@timestamp\":");
    private static final byte[] MESSAGE_KEY = ascii(",\"message\":");
    private static final byte[][] LOG_LEVEL = levels();
    private static final byte[] EVENT_CREATED_KEY = ascii("},\"event\":{\"created\":");
    private static final byte[] SEQUENCE_KEY = ascii(",\"sequence\":");
    private static final byte[] ECS_VERSION = ascii("},\"ecs\":{\"version\":\"" + SchemaV1.ECS_VERSION + "\"}");
    private static final byte[] PROCESS_KEY = ascii("},\"process\":{");
    private static final byte[] PROCESS_PID_KEY = ascii("},\"process\":{\"pid\":");
    private static final byte[] SYSLOG_KEY = ascii(",\"syslog\":{");
    private static final byte[] VERSION_1 = ascii(",\"version\":\"1\"");
    /** {@code "procid":"} of a PROCID number, which is written as a keyword, and the structured data's key, as {@link #keyForms}. */
    private static final byte[][] PROCID_NUMBER = {ascii("\"procid\":\""), ascii(",\"procid\":\"")};
    private static final byte[][] STRUCTURED_DATA = keyForms("structured_data");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static RepeatedJsonStrings repeated(String key) {
        return new RepeatedJsonStrings(ascii(key));
    }

    /** {@code "name":} and {@code ,"name":}, by whether a field came before it. */
    private static byte[][] keyForms(String name) {
        return new byte[][] {ascii("\"" + name + "\":"), ascii(",\"" + name + "\":")};
    }

    /** The opening of {@code log} with the level in it (,"log":{"level":"info"), by {@link Level#ordinal}. */
    private static byte[][] levels() {
        Level[] levels = Level.values();
        byte[][] json = new byte[levels.length][];
        for (Level l : levels) json[l.ordinal()] = ascii(",\"log\":{\"level\":\"" + l.text() + "\"");
        return json;
    }

    /**
     * {@code "severity":{...}} and {@code "facility":{...}} of every code that has a name, as bytes: a
     * syslog event writes both, and copying one array costs less than writing a number and a name.
     */
    private static final byte[][] SEVERITY_JSON = codeObjects("severity", 8, SyslogFields::severityName);
    private static final byte[][] FACILITY_JSON = codeObjects("facility", 24, SyslogFields::facilityName);

    private static byte[][] codeObjects(String field, int codes, java.util.function.IntFunction<String> name) {
        byte[][] objects = new byte[codes][];
        for (int code = 0; code < codes; code++) {
            JsonBytes b = new JsonBytes(64);
            writeCode(field, code, name.apply(code), b);
            objects[code] = b.toByteArray();
        }
        return objects;
    }

    /** {@code "field":{"code":N,"name":"..."}}, the name left out when the code has none. */
    private static void writeCode(String field, int code, String name, JsonBytes out) {
        out.raw((byte) '"').ascii(field).ascii("\":{\"code\":").number(code);
        if (name != null) out.ascii(",\"name\":").string(name);
        out.raw((byte) '}');
    }

    /**
     * The opening of {@code log.syslog} with both objects of a PRI, {@code ,"syslog":{"severity":{...},
     * "facility":{...}}, by {@code facility * 8 + severity}: every syslog message has both.
     */
    private static final byte[][] PRI_JSON = priObjects();

    private static byte[][] priObjects() {
        byte[][] objects = new byte[FACILITY_JSON.length * SEVERITY_JSON.length][];
        for (int facility = 0; facility < FACILITY_JSON.length; facility++) {
            for (int severity = 0; severity < SEVERITY_JSON.length; severity++) {
                JsonBytes b = new JsonBytes(128);
                b.raw(SYSLOG_KEY).raw(SEVERITY_JSON[severity]).raw((byte) ',').raw(FACILITY_JSON[facility]);
                objects[facility * SEVERITY_JSON.length + severity] = b.toByteArray();
            }
        }
        return objects;
    }

    private void writeSyslog(SyslogFields s, JsonBytes out) {
        boolean first = true;
        int severity = s.severityCode();
        int facility = s.facilityCode();
        int version = s.version();
        if (severity >= 0 && severity < SEVERITY_JSON.length && facility >= 0 && facility < FACILITY_JSON.length) {
            byte[] pri = PRI_JSON[facility * SEVERITY_JSON.length + severity];
            if (version == 1) {
                out.raw(pri, VERSION_1); // RFC 5424's version: the PRI and it in one bounds check
                version = SyslogFields.UNSET; // written
            } else {
                out.raw(pri);
            }
            first = false;
        } else {
            out.raw(SYSLOG_KEY);
            if (severity != SyslogFields.UNSET) {
                if (severity >= 0 && severity < SEVERITY_JSON.length) {
                    out.raw(SEVERITY_JSON[severity]);
                } else {
                    writeCode("severity", severity, SyslogFields.severityName(severity), out);
                }
                first = false;
            }
            if (facility != SyslogFields.UNSET) {
                if (!first) out.raw((byte) ',');
                if (facility >= 0 && facility < FACILITY_JSON.length) {
                    out.raw(FACILITY_JSON[facility]);
                } else {
                    writeCode("facility", facility, SyslogFields.facilityName(facility), out);
                }
                first = false;
            }
        }
        if (version == 1 && !first) {
            out.raw(VERSION_1);
        } else if (version != SyslogFields.UNSET) {
            if (!first) out.raw((byte) ',');
            // ECS types log.syslog.version as keyword: the RFC 5424 VERSION field is text ("1")
            out.ascii("\"version\":\"").number(version).raw((byte) '"');
            first = false;
        }
        first = optionalRepeated(out, first, syslogHostname, s.hostname());
        first = optionalRepeated(out, first, syslogAppname, s.appname());
        if (s.procidNumber() != SyslogFields.UNSET) {
            out.raw(PROCID_NUMBER[first ? 0 : 1]).number(s.procidNumber()).raw((byte) '"'); // a keyword, as the text was
            first = false;
        } else {
            first = optionalRepeated(out, first, syslogProcid, s.procid());
        }
        first = optionalRepeated(out, first, syslogMsgid, s.msgid());
        if (s.hasStructuredDataText()) {
            // written from the record's text as this method writes the map below: no map per event
            out.raw(STRUCTURED_DATA[first ? 0 : 1]);
            s.writeStructuredDataJson(out);
            out.raw((byte) '}');
            return;
        }
        Map<String, Map<String, String>> sd = s.structuredData();
        if (sd != null && !sd.isEmpty()) {
            if (!first) out.raw((byte) ',');
            out.ascii("\"structured_data\":{");
            boolean firstElement = true;
            for (var element : sd.entrySet()) {
                if (!firstElement) out.raw((byte) ',');
                firstElement = false;
                out.string(element.getKey()).raw((byte) ':');
                writeStringMap(element.getValue(), out);
            }
            out.raw((byte) '}');
        }
        out.raw((byte) '}');
    }

    private static void writeOrigin(LogEvent e, JsonBytes out) {
        out.ascii(",\"origin\":{");
        boolean first = true;
        if (e.originFile() != null || e.originLine() != LogEvent.NO_NUMBER) {
            out.ascii("\"file\":{");
            boolean fileFirst = optional(out, true, "name", e.originFile());
            optional(out, fileFirst, "line", e.originLine());
            out.raw((byte) '}');
            first = false;
        }
        optional(out, first, "function", e.originFunction());
        out.raw((byte) '}');
    }

    /** {@code "process"} after {@code "host"}'s content: closes that object, leaves its own open. */
    private static void writeProcess(LogEvent e, JsonBytes out) {
        boolean first = true;
        if (e.pid() != LogEvent.NO_NUMBER) {
            out.raw(PROCESS_PID_KEY).number(e.pid());
            first = false;
        } else {
            out.raw(PROCESS_KEY);
        }
        if (e.threadName() != null) {
            if (!first) out.raw((byte) ',');
            out.ascii("\"thread\":{\"name\":").string(e.threadName()).raw((byte) '}');
        }
    }

    private static void writeHttp(HttpFields h, JsonBytes out) {
        if (h.hasRequest() || h.hasResponse() || h.version() != null) {
            out.ascii(",\"http\":{");
            boolean first = true;
            if (h.hasRequest()) {
                out.ascii("\"request\":{");
                boolean f = optional(out, true, "method", h.method());
                optional(out, f, "referrer", h.referrer());
                out.raw((byte) '}');
                first = false;
            }
            if (h.hasResponse()) {
                if (!first) out.raw((byte) ',');
                out.ascii("\"response\":{");
                boolean f = optional(out, true, "status_code", h.statusCode());
                if (h.bodyBytes() != LogEvent.NO_NUMBER) {
                    if (!f) out.raw((byte) ',');
                    out.ascii("\"body\":{\"bytes\":").number(h.bodyBytes()).raw((byte) '}');
                }
                out.raw((byte) '}');
                first = false;
            }
            optional(out, first, "version", h.version());
            out.raw((byte) '}');
        }
        if (h.hasUrl()) {
            out.ascii(",\"url\":{");
            boolean first = optional(out, true, "original", h.urlOriginal());
            first = optional(out, first, "path", h.urlPath());
            optional(out, first, "query", h.urlQuery());
            out.raw((byte) '}');
        }
        if (h.clientIp() != null) out.ascii(",\"client\":{\"ip\":").string(h.clientIp()).raw((byte) '}');
        if (h.userAgent() != null) out.ascii(",\"user_agent\":{\"original\":").string(h.userAgent()).raw((byte) '}');
    }

    private static void writeContainer(ContainerFields c, KubernetesMetadata k, JsonBytes out) {
        String id = c.containerId() != null || k == null ? c.containerId() : k.containerId();
        String runtime = c.containerRuntime() != null || k == null ? c.containerRuntime() : k.containerRuntime();
        boolean image = k != null && (k.imageName() != null || k.imageId() != null);
        if (id != null || c.containerName() != null || runtime != null || image) {
            out.ascii(",\"container\":{");
            boolean first = true;
            first = optional(out, first, "id", id);
            first = optional(out, first, "name", c.containerName());
            first = optional(out, first, "runtime", runtime);
            if (image) writeImage(k, first, out);
            out.raw((byte) '}');
        }
        if (c.kubernetesNamespace() != null || c.kubernetesPodName() != null
                || c.kubernetesPodUid() != null || c.kubernetesContainerName() != null || k != null) {
            out.ascii(",\"kubernetes\":{");
            boolean first = optional(out, true, "namespace", c.kubernetesNamespace());
            if (c.kubernetesPodName() != null || c.kubernetesPodUid() != null) {
                if (!first) out.raw((byte) ',');
                out.ascii("\"pod\":{");
                boolean podFirst = optional(out, true, "name", c.kubernetesPodName());
                optional(out, podFirst, "uid", c.kubernetesPodUid());
                out.raw((byte) '}');
                first = false;
            }
            if (c.kubernetesContainerName() != null) {
                if (!first) out.raw((byte) ',');
                out.ascii("\"container\":{\"name\":").string(c.kubernetesContainerName()).raw((byte) '}');
                first = false;
            }
            if (k != null) writeKubernetesMetadata(k, first, out);
            out.raw((byte) '}');
        }
        if (k != null) writeOrchestrator(c, k, out);
    }

    private static void writeImage(KubernetesMetadata k, boolean first, JsonBytes out) {
        if (!first) out.raw((byte) ',');
        out.ascii("\"image\":{");
        boolean imageFirst = optional(out, true, "name", k.imageName());
        imageFirst = optional(out, imageFirst, "tag", k.imageTag());
        if (k.imageId() != null) {
            if (!imageFirst) out.raw((byte) ',');
            out.ascii("\"hash\":{\"all\":[").string(k.imageId()).ascii("]}");
        }
        out.raw((byte) '}');
    }

    private static void writeKubernetesMetadata(KubernetesMetadata k, boolean first, JsonBytes out) {
        if (k.nodeName() != null) {
            if (!first) out.raw((byte) ',');
            out.ascii("\"node\":{\"name\":").string(k.nodeName()).raw((byte) '}');
            first = false;
        }
        first = optionalMap(out, first, "labels", k.labels());
        first = optionalMap(out, first, "annotations", k.annotations());
        first = optionalMap(out, first, "namespace_labels", k.namespaceLabels());
        for (KubernetesMetadata.Owner o : k.owners()) {
            if (!first) out.raw((byte) ',');
            // kubernetes.deployment.name, kubernetes.replicaset.name, ... (the Beats names)
            out.raw((byte) '"').ascii(o.fieldName()).ascii("\":{\"name\":")
                    .string(o.name()).raw((byte) '}');
            first = false;
        }
    }

    /** ECS's place for the same facts: {@code orchestrator.*} names the pod and its top owner's kind. */
    private static void writeOrchestrator(ContainerFields c, KubernetesMetadata k, JsonBytes out) {
        out.ascii(",\"orchestrator\":{\"type\":\"kubernetes\"");
        optional(out, false, "namespace", c.kubernetesNamespace());
        if (c.kubernetesPodName() != null) {
            out.ascii(",\"resource\":{\"type\":\"pod\",\"name\":").string(c.kubernetesPodName());
            KubernetesMetadata.Owner top = k.topOwner();
            if (top != null) out.ascii(",\"parent\":{\"type\":").string(top.kind()).raw((byte) '}');
            out.raw((byte) '}');
        }
        out.raw((byte) '}');
    }

    private static boolean optionalMap(JsonBytes out, boolean first, String name, Map<String, String> map) {
        if (map.isEmpty()) return first;
        if (!first) out.raw((byte) ',');
        out.raw((byte) '"').ascii(name).ascii("\":");
        writeStringMap(map, out);
        return false;
    }

    /** As {@link #optional(JsonBytes, boolean, String, String)} for a value that repeats as the same String. */
    private static boolean optionalRepeated(JsonBytes out, boolean first, RepeatedJsonStrings field, String value) {
        if (value == null) return first;
        field.write(first ? 1 : 0, value, out); // without the key's comma when it comes first
        return false;
    }

    private static boolean optional(JsonBytes out, boolean first, String name, String value) {
        if (value == null) return first;
        if (!first) out.raw((byte) ',');
        out.raw((byte) '"').ascii(name).ascii("\":").string(value);
        return false;
    }

    private static boolean optional(JsonBytes out, boolean first, String name, long value) {
        if (value == LogEvent.NO_NUMBER) return first;
        if (!first) out.raw((byte) ',');
        out.raw((byte) '"').ascii(name).ascii("\":").number(value);
        return false;
    }

    private static void writeStringMap(Map<String, String> map, JsonBytes out) {
        out.raw((byte) '{');
        boolean first = true;
        for (var entry : map.entrySet()) {
            if (!first) out.raw((byte) ',');
            first = false;
            out.string(entry.getKey()).raw((byte) ':').string(entry.getValue());
        }
        out.raw((byte) '}');
    }
}
