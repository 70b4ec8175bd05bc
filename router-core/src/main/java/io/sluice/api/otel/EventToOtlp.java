package io.sluice.api.otel;

import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.sluice.api.event.ContainerFields;
import io.sluice.api.event.HttpFields;
import io.sluice.api.event.LogEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Maps schema v1 events to one OTLP export request, as the table in docs/otel.md says: records are
 * grouped by resource (service, host, container, Kubernetes identity) and then by instrumentation
 * scope ({@code log.logger}). The inverse of {@link OtlpToEvent}.
 */
public final class EventToOtlp {
    /**
     * One event mapped: its resource, scope and record, before they are grouped into a request. An
     * output that cuts requests by size maps each event once, sizes it with {@link #aloneSize()}, and
     * builds the requests from the same parts with {@link #request}.
     */
    public record Mapped(Resource resource, InstrumentationScope scope, LogRecord record) {
        /**
         * Protobuf bytes of an export request holding only this event, computed without building it:
         * an upper bound of what the event adds to a larger request (there its resource and scope are
         * shared with its neighbours).
         */
        public int aloneSize() {
            // field numbers from logs.proto: ScopeLogs.scope = 1, log_records = 2; ResourceLogs.resource = 1,
            // scope_logs = 2; ExportLogsServiceRequest.resource_logs = 1
            int scopeLogs = CodedOutputStream.computeMessageSize(1, scope) + CodedOutputStream.computeMessageSize(2, record);
            int resourceLogs = CodedOutputStream.computeMessageSize(1, resource) + nestedSize(2, scopeLogs);
            return nestedSize(1, resourceLogs);
        }

        private static int nestedSize(int field, int size) {
            return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        }
    }

    public ExportLogsServiceRequest map(List<LogEvent> events) {
        List<Mapped> parts = new ArrayList<>(events.size());
        for (LogEvent e : events) parts.add(mapOne(e));
        return request(parts);
    }

    public Mapped mapOne(LogEvent e) {
        Map<String, Object> attrs = AttributeValues.read(e.attributes());
        Resource resource = resource(e, attrs.remove(OtelKeys.RESOURCE));
        InstrumentationScope scope = scope(e.logger(), attrs.remove(OtelKeys.LOGGER_VERSION));
        return new Mapped(resource, scope, record(e, attrs));
    }

    /** One export request of mapped events, grouped by resource and then by scope, in the events' order. */
    public ExportLogsServiceRequest request(List<Mapped> events) {
        Map<Resource, Map<InstrumentationScope, List<LogRecord>>> groups = new LinkedHashMap<>();
        for (Mapped m : events) {
            groups.computeIfAbsent(m.resource(), r -> new LinkedHashMap<>())
                    .computeIfAbsent(m.scope(), s -> new ArrayList<>())
                    .add(m.record());
        }
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        groups.forEach((resource, scopes) -> {
            ResourceLogs.Builder rl = request.addResourceLogsBuilder().setResource(resource);
            scopes.forEach((scope, records) -> rl.addScopeLogs(
                    ScopeLogs.newBuilder().setScope(scope).addAllLogRecords(records)));
        });
        return request.build();
    }

    private static Resource resource(LogEvent e, Object extra) {
        Resource.Builder r = Resource.newBuilder();
        r.addAttributes(AnyValues.keyValue(OtelKeys.SERVICE_NAME, e.serviceName()));
        r.addAttributes(AnyValues.keyValue(OtelKeys.HOST_NAME, e.hostName()));
        ContainerFields c = e.container();
        if (c != null) {
            string(r::addAttributes, OtelKeys.CONTAINER_ID, c.containerId());
            string(r::addAttributes, OtelKeys.CONTAINER_NAME, c.containerName());
            string(r::addAttributes, OtelKeys.CONTAINER_RUNTIME, c.containerRuntime());
            string(r::addAttributes, OtelKeys.K8S_NAMESPACE, c.kubernetesNamespace());
            string(r::addAttributes, OtelKeys.K8S_POD_NAME, c.kubernetesPodName());
            string(r::addAttributes, OtelKeys.K8S_POD_UID, c.kubernetesPodUid());
            string(r::addAttributes, OtelKeys.K8S_CONTAINER_NAME, c.kubernetesContainerName());
        }
        if (e.kubernetes() != null) KubernetesResource.write(e.kubernetes(), c, r::addAttributes);
        number(r::addAttributes, OtelKeys.PROCESS_PID, e.pid());
        string(r::addAttributes, OtelKeys.SERVICE_VERSION, e.serviceVersion());
        string(r::addAttributes, OtelKeys.DEPLOYMENT_ENVIRONMENT, e.serviceEnvironment());
        if (extra instanceof Map<?, ?> object) r.addAllAttributes(AttributeValues.keyValues(object));
        return r.build();
    }

    private static InstrumentationScope scope(String name, Object version) {
        InstrumentationScope.Builder s = InstrumentationScope.newBuilder();
        if (name != null) s.setName(name);
        if (version != null) s.setVersion(AttributeValues.text(version));
        return s.build();
    }

    private static LogRecord record(LogEvent e, Map<String, Object> attrs) {
        LogRecord.Builder r = LogRecord.newBuilder()
                .setTimeUnixNano(e.timestampNanos())
                .setObservedTimeUnixNano(e.createdNanos())
                .setBody(AnyValue.newBuilder().setStringValue(e.message() == null ? "" : e.message()));
        Object severityText = attrs.remove(OtelKeys.SEVERITY_TEXT);
        r.setSeverityNumber(SeverityNumber.forNumber(Severity.number(e.level())));
        r.setSeverityText(severityText != null ? AttributeValues.text(severityText) : Severity.text(e.level()));
        if (e.traceId() != null) r.setTraceId(AnyValues.unhex(e.traceId()));
        if (e.spanId() != null) r.setSpanId(AnyValues.unhex(e.spanId()));
        Object flags = attrs.remove(OtelKeys.TRACE_FLAGS);
        if (flags != null) r.setFlags(AttributeValues.asInt(flags));
        Object eventName = attrs.remove(OtelKeys.EVENT_NAME);
        if (eventName != null) r.setEventName(AttributeValues.text(eventName));
        string(r::addAttributes, OtelKeys.EXCEPTION_TYPE, e.errorType());
        string(r::addAttributes, OtelKeys.EXCEPTION_MESSAGE, e.errorMessage());
        string(r::addAttributes, OtelKeys.EXCEPTION_STACKTRACE, e.errorStackTrace());
        string(r::addAttributes, OtelKeys.ERROR_CODE, e.errorCode());
        string(r::addAttributes, OtelKeys.IOSTREAM, e.stream());
        string(r::addAttributes, OtelKeys.FILE_PATH, e.filePath());
        string(r::addAttributes, OtelKeys.ORIGINAL, e.original());
        string(r::addAttributes, OtelKeys.INPUT_TYPE, e.inputType());
        string(r::addAttributes, OtelKeys.THREAD_NAME, e.threadName());
        string(r::addAttributes, OtelKeys.CODE_FILE, e.originFile());
        number(r::addAttributes, OtelKeys.CODE_LINE, e.originLine());
        string(r::addAttributes, OtelKeys.CODE_FUNCTION, e.originFunction());
        string(r::addAttributes, OtelKeys.DATASET, e.dataset());
        number(r::addAttributes, OtelKeys.DURATION, e.durationNanos());
        HttpFields h = e.http();
        if (h != null) {
            string(r::addAttributes, OtelKeys.HTTP_METHOD, h.method());
            if (h.referrer() != null) {
                AnyValue one = AnyValue.newBuilder().setStringValue(h.referrer()).build();
                r.addAttributes(AnyValues.keyValue(OtelKeys.HTTP_REFERER,
                        AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(one)).build()));
            }
            number(r::addAttributes, OtelKeys.HTTP_STATUS_CODE, h.statusCode());
            number(r::addAttributes, OtelKeys.HTTP_BODY_SIZE, h.bodyBytes());
            string(r::addAttributes, OtelKeys.NETWORK_PROTOCOL_VERSION, h.version());
            string(r::addAttributes, OtelKeys.URL_FULL, h.urlOriginal());
            string(r::addAttributes, OtelKeys.URL_PATH, h.urlPath());
            string(r::addAttributes, OtelKeys.URL_QUERY, h.urlQuery());
            string(r::addAttributes, OtelKeys.CLIENT_ADDRESS, h.clientIp());
            string(r::addAttributes, OtelKeys.USER_AGENT, h.userAgent());
        }
        if (e.syslog() != null) r.addAttributes(SyslogAttribute.toOtlp(e.syslog()));
        if (e.offset() != LogEvent.NO_OFFSET) r.addAttributes(intValue(OtelKeys.OFFSET, e.offset()));
        r.addAttributes(intValue(OtelKeys.SEQUENCE, e.sequence()));
        if (!e.tags().isEmpty()) {
            ArrayValue.Builder tags = ArrayValue.newBuilder();
            e.tags().forEach(t -> tags.addValues(AnyValue.newBuilder().setStringValue(t)));
            r.addAttributes(AnyValues.keyValue(OtelKeys.TAGS, AnyValue.newBuilder().setArrayValue(tags).build()));
        }
        if (e.labels() != null && !e.labels().isEmpty()) {
            KeyValueList.Builder labels = KeyValueList.newBuilder();
            e.labels().forEach((k, v) -> labels.addValues(AnyValues.keyValue(k, v)));
            r.addAttributes(AnyValues.keyValue(OtelKeys.LABELS, AnyValue.newBuilder().setKvlistValue(labels).build()));
        }
        attrs.forEach((k, v) -> r.addAttributes(AnyValues.keyValue(k, AttributeValues.any(v))));
        return r.build();
    }

    /** Adds a string attribute when the schema field is set. */
    private static void string(Consumer<KeyValue> add, String key, String value) {
        if (value != null) add.accept(AnyValues.keyValue(key, value));
    }

    /** Adds an int attribute when the schema field is set (not {@link LogEvent#NO_NUMBER}). */
    private static void number(Consumer<KeyValue> add, String key, long value) {
        if (value != LogEvent.NO_NUMBER) add.accept(intValue(key, value));
    }

    private static KeyValue intValue(String key, long value) {
        return AnyValues.keyValue(key, AnyValue.newBuilder().setIntValue(value).build());
    }
}
