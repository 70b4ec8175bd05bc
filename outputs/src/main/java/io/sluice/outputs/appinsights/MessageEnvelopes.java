package io.sluice.outputs.appinsights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.schema.Timestamps;

import java.util.Iterator;
import java.util.Map;

/**
 * One event as an Application Insights {@code MessageData} envelope (track v2.1 schema): message
 * and {@code severityLevel}; tags {@code ai.cloud.role} = service.name, {@code ai.cloud.roleInstance} =
 * host.name, {@code ai.operation.id} = trace.id, {@code ai.operation.parentId} = span.id; properties
 * from labels and top-level attributes, cut to the service's limits.
 */
final class MessageEnvelopes {
    static final int MAX_MESSAGE = 32_768;
    static final int MAX_KEY = 150;
    static final int MAX_VALUE = 8_192;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String instrumentationKey;

    MessageEnvelopes(String instrumentationKey) {
        this.instrumentationKey = instrumentationKey;
    }

    void write(LogEvent e, JsonBytes out) {
        out.ascii("{\"name\":\"Microsoft.ApplicationInsights.Message\",\"time\":").string(Timestamps.format(e.timestampNanos()))
                .ascii(",\"iKey\":").string(instrumentationKey).ascii(",\"tags\":{");
        boolean first = tag(out, true, "ai.cloud.role", e.serviceName());
        first = tag(out, first, "ai.cloud.roleInstance", e.hostName());
        first = tag(out, first, "ai.operation.id", e.traceId());
        tag(out, first, "ai.operation.parentId", e.spanId());
        out.ascii("},\"data\":{\"baseType\":\"MessageData\",\"baseData\":{\"ver\":2,\"message\":")
                .string(cut(e.message() == null ? "" : e.message(), MAX_MESSAGE))
                .ascii(",\"severityLevel\":").string(severity(e.level())).ascii(",\"properties\":{");
        first = true;
        if (e.labels() != null) {
            for (Map.Entry<String, String> l : e.labels().entrySet()) first = property(out, first, "labels." + l.getKey(), l.getValue());
        }
        if (e.attributes() != null && !e.attributes().isEmpty()) first = attributes(out, first, e);
        out.ascii("}}}}");
    }

    private static boolean attributes(JsonBytes out, boolean first, LogEvent e) {
        try {
            JsonNode node = JSON.readTree(e.attributes().toJson());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> a = it.next();
                JsonNode v = a.getValue();
                first = property(out, first, a.getKey(), v.isValueNode() ? v.asText() : v.toString());
            }
        } catch (Exception unreadable) {
            first = property(out, first, "attributes", e.attributes().toJson());
        }
        return first;
    }

    /** Application Insights' SeverityLevel names. */
    static String severity(Level level) {
        if (level == null) return "Information";
        return switch (level) {
            case TRACE, DEBUG -> "Verbose";
            case INFO -> "Information";
            case WARN -> "Warning";
            case ERROR -> "Error";
            case FATAL -> "Critical";
        };
    }

    private static boolean tag(JsonBytes out, boolean first, String key, String value) {
        if (value == null || value.isEmpty()) return first;
        if (!first) out.raw((byte) ',');
        out.string(key).raw((byte) ':').string(value);
        return false;
    }

    private static boolean property(JsonBytes out, boolean first, String key, String value) {
        if (value == null) return first;
        return tag(out, first, cut(key, MAX_KEY), cut(value, MAX_VALUE));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
