package io.sluice.api.otel;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import io.sluice.api.event.Attributes;
import io.sluice.api.event.ContainerFields;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.schema.Levels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps one OTLP log record, with its resource and instrumentation scope, to a schema v1
 * {@link LogEvent}, as the table in docs/otel.md says. The inverse of {@link EventToOtlp}: an event
 * mapped there and back here has the same schema v1 fields.
 */
public final class OtlpToEvent {
    private final String inputType;
    private final String defaultService;
    private final String localHost;

    /**
     * @param inputType      {@code input.type} unless the record carries one (an event from another Sluice)
     * @param defaultService {@code service.name} when the resource has none
     * @param localHost      {@code host.name} when the resource has none
     */
    public OtlpToEvent(String inputType, String defaultService, String localHost) {
        this.inputType = inputType;
        this.defaultService = defaultService;
        this.localHost = localHost;
    }

    /**
     * @param nowNanos  {@code event.created} when the record has no observed time
     * @param sequence  {@code event.sequence} unless the record carries one (an event from another Sluice)
     */
    public LogEvent map(Resource resource, InstrumentationScope scope, LogRecord r, long nowNanos, long sequence) {
        LogEvent e = new LogEvent().sequence(sequence);
        RecordAttributes attrs = new RecordAttributes();
        e.createdNanos(r.getObservedTimeUnixNano() != 0 ? time("observed_time_unix_nano", r.getObservedTimeUnixNano()) : nowNanos);
        if (r.getTimeUnixNano() != 0) {
            e.timestampNanos(time("time_unix_nano", r.getTimeUnixNano()));
        } else {
            e.timestampNanos(e.createdNanos()).addTag(Tags.TIMESTAMP_MISSING);
        }
        e.inputType(inputType).serviceName(defaultService).hostName(localHost);
        mapResource(resource, e, attrs);
        mapBody(r.getBody(), e, attrs);
        mapSeverity(r, e, attrs);
        if (!r.getTraceId().isEmpty()) e.traceId(AnyValues.hex(r.getTraceId()));
        if (!r.getSpanId().isEmpty()) e.spanId(AnyValues.hex(r.getSpanId()));
        if (r.getFlags() != 0) attrs.putLong(OtelKeys.TRACE_FLAGS, r.getFlags());
        if (!r.getEventName().isEmpty()) attrs.putString(OtelKeys.EVENT_NAME, r.getEventName());
        if (!scope.getName().isEmpty()) e.logger(scope.getName());
        if (!scope.getVersion().isEmpty()) attrs.putString(OtelKeys.LOGGER_VERSION, scope.getVersion());
        for (KeyValue kv : r.getAttributesList()) mapAttribute(kv, e, attrs);
        Attributes built = attrs.build();
        if (built != null) e.attributes(built);
        return e;
    }

    /**
     * A time in nanoseconds since the epoch, as schema v1 holds it: a signed 64-bit count, so up to
     * 2262-04-11. OTLP's times are unsigned; a later one (a negative long here) is refused, as it would
     * otherwise become a time before 1970.
     */
    private static long time(String field, long unixNanos) {
        if (unixNanos < 0) {
            throw new Unmappable(field + " " + Long.toUnsignedString(unixNanos)
                    + " is after 2262-04-11T23:47:16.854775807Z, the last time schema v1 can hold");
        }
        return unixNanos;
    }

    /** A record whose values schema v1 cannot hold; the message says which and why. */
    public static final class Unmappable extends RuntimeException {
        Unmappable(String message) {
            super(message, null, false, false); // no stack trace: a client's values, not a bug
        }
    }

    private void mapResource(Resource resource, LogEvent e, RecordAttributes attrs) {
        String[] c = new String[7];
        Map<String, AnyValue> rest = new LinkedHashMap<>();
        KubernetesResource.Reader kubernetes = new KubernetesResource.Reader();
        for (KeyValue kv : resource.getAttributesList()) {
            if (kubernetes.read(kv)) continue;
            if (kv.getKey().equals(OtelKeys.PROCESS_PID) && kv.getValue().hasIntValue()) {
                e.pid(kv.getValue().getIntValue());
                continue;
            }
            String s = kv.getValue().hasStringValue() ? kv.getValue().getStringValue() : null;
            switch (s == null ? "" : kv.getKey()) {
                case OtelKeys.SERVICE_NAME -> e.serviceName(s);
                case OtelKeys.HOST_NAME -> e.hostName(s);
                case OtelKeys.CONTAINER_ID -> c[0] = s;
                case OtelKeys.CONTAINER_NAME -> c[1] = s;
                case OtelKeys.CONTAINER_RUNTIME -> c[2] = s;
                case OtelKeys.K8S_NAMESPACE -> c[3] = s;
                case OtelKeys.K8S_POD_NAME -> c[4] = s;
                case OtelKeys.K8S_POD_UID -> c[5] = s;
                case OtelKeys.K8S_CONTAINER_NAME -> c[6] = s;
                case OtelKeys.SERVICE_VERSION -> e.serviceVersion(s);
                case OtelKeys.DEPLOYMENT_ENVIRONMENT -> e.serviceEnvironment(s);
                case OtelKeys.DEPLOYMENT_ENVIRONMENT_OLD -> {
                    if (e.serviceEnvironment() == null) e.serviceEnvironment(s); // the current name wins
                }
                default -> rest.put(kv.getKey(), kv.getValue());
            }
        }
        if (java.util.Arrays.stream(c).anyMatch(java.util.Objects::nonNull)) {
            e.container(new ContainerFields(c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
        }
        e.kubernetes(kubernetes.build());
        if (!rest.isEmpty()) {
            AnyValue.Builder obj = AnyValue.newBuilder();
            rest.forEach((k, v) -> obj.getKvlistValueBuilder().addValues(AnyValues.keyValue(k, v)));
            attrs.putJson(OtelKeys.RESOURCE, obj.build());
        }
    }

    /** A string body is the message; a structured body's fields become attributes; anything else is JSON text. */
    private static void mapBody(AnyValue body, LogEvent e, RecordAttributes attrs) {
        switch (body.getValueCase()) {
            case STRING_VALUE -> e.message(body.getStringValue());
            case KVLIST_VALUE -> {
                e.message("");
                for (KeyValue kv : body.getKvlistValue().getValuesList()) attrs.putJson(kv.getKey(), kv.getValue());
            }
            case VALUE_NOT_SET -> e.message("");
            default -> e.message(json(body));
        }
    }

    /** severity_number by the specification's ranges; else severity_text as a level word; else info. */
    private static void mapSeverity(LogRecord r, LogEvent e, RecordAttributes attrs) {
        int n = r.getSeverityNumberValue();
        String text = r.getSeverityText();
        Level level = n >= 1 && n <= 24 ? Severity.level(n) : Levels.fromWord(text);
        e.level(level == null ? Level.INFO : level);
        if (!text.isEmpty() && !text.equalsIgnoreCase(e.level().text())) attrs.putString(OtelKeys.SEVERITY_TEXT, text);
    }

    private static void mapAttribute(KeyValue kv, LogEvent e, RecordAttributes attrs) {
        AnyValue v = kv.getValue();
        String s = v.hasStringValue() ? v.getStringValue() : null;
        switch (s == null ? kv.getKey() + "#" + v.getValueCase() : kv.getKey()) {
            case OtelKeys.EXCEPTION_TYPE -> e.errorType(s);
            case OtelKeys.EXCEPTION_MESSAGE -> e.errorMessage(s);
            case OtelKeys.EXCEPTION_STACKTRACE -> e.errorStackTrace(s);
            case OtelKeys.ERROR_CODE -> e.errorCode(s);
            case OtelKeys.IOSTREAM -> e.stream(s);
            case OtelKeys.FILE_PATH -> e.filePath(s);
            case OtelKeys.ORIGINAL -> e.original(s);
            case OtelKeys.INPUT_TYPE -> e.inputType(s);
            case OtelKeys.THREAD_NAME -> e.threadName(s);
            case OtelKeys.CODE_FILE, OtelKeys.CODE_FILE_OLD -> e.originFile(s);
            case OtelKeys.CODE_LINE + "#INT_VALUE", OtelKeys.CODE_LINE_OLD + "#INT_VALUE" -> e.originLine(v.getIntValue());
            case OtelKeys.CODE_FUNCTION, OtelKeys.CODE_FUNCTION_OLD -> e.originFunction(s);
            case OtelKeys.DATASET -> e.dataset(s);
            case OtelKeys.DURATION + "#INT_VALUE" -> e.durationNanos(v.getIntValue());
            case OtelKeys.HTTP_METHOD -> e.httpOrCreate().method(s);
            case OtelKeys.HTTP_REFERER -> e.httpOrCreate().referrer(s);
            case OtelKeys.HTTP_REFERER + "#ARRAY_VALUE" -> {
                java.util.List<AnyValue> values = v.getArrayValue().getValuesList();
                if (values.size() == 1 && values.get(0).hasStringValue()) {
                    e.httpOrCreate().referrer(values.get(0).getStringValue());
                } else {
                    attrs.putJson(kv.getKey(), v); // no header, or several: not one referrer
                }
            }
            case OtelKeys.HTTP_STATUS_CODE + "#INT_VALUE" -> e.httpOrCreate().statusCode(v.getIntValue());
            case OtelKeys.HTTP_BODY_SIZE + "#INT_VALUE" -> e.httpOrCreate().bodyBytes(v.getIntValue());
            case OtelKeys.NETWORK_PROTOCOL_VERSION -> e.httpOrCreate().version(s);
            case OtelKeys.URL_FULL -> e.httpOrCreate().urlOriginal(s);
            case OtelKeys.URL_PATH -> e.httpOrCreate().urlPath(s);
            case OtelKeys.URL_QUERY -> e.httpOrCreate().urlQuery(s);
            case OtelKeys.CLIENT_ADDRESS -> e.httpOrCreate().clientIp(s);
            case OtelKeys.USER_AGENT -> e.httpOrCreate().userAgent(s);
            case OtelKeys.OFFSET + "#INT_VALUE" -> e.offset(v.getIntValue());
            case OtelKeys.SEQUENCE + "#INT_VALUE" -> e.sequence(v.getIntValue());
            case OtelKeys.TAGS + "#ARRAY_VALUE" -> {
                for (AnyValue t : v.getArrayValue().getValuesList()) e.addTag(t.getStringValue());
            }
            case SyslogAttribute.KEY + "#KVLIST_VALUE" -> SyslogAttribute.read(v.getKvlistValue(), e.syslogOrCreate());
            case OtelKeys.LABELS + "#KVLIST_VALUE" -> {
                Map<String, String> labels = new LinkedHashMap<>();
                for (KeyValue l : v.getKvlistValue().getValuesList()) labels.put(l.getKey(), l.getValue().getStringValue());
                e.labels(labels);
            }
            default -> attrs.putJson(kv.getKey(), v);
        }
    }

    private static String json(AnyValue v) {
        return new String(RecordAttributes.json(v), java.nio.charset.StandardCharsets.UTF_8);
    }
}
