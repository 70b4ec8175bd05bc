package io.sluice.api.otel;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.sluice.api.event.SyslogFields;

import java.util.Map;

/**
 * Schema v1 {@code log.syslog.*} ↔ one OTLP log record attribute {@code log.syslog} (a key-value
 * list: facility, severity and version as integers, the header strings, and {@code structured_data}
 * as SD-ID → params). OpenTelemetry has no syslog fields; this keeps them through a round trip.
 */
final class SyslogAttribute {
    static final String KEY = "log.syslog";

    private SyslogAttribute() {
    }

    static KeyValue toOtlp(SyslogFields s) {
        KeyValueList.Builder kv = KeyValueList.newBuilder();
        integer(kv, "facility", s.facilityCode());
        integer(kv, "severity", s.severityCode());
        integer(kv, "version", s.version());
        string(kv, "hostname", s.hostname());
        string(kv, "appname", s.appname());
        string(kv, "procid", s.procid());
        string(kv, "msgid", s.msgid());
        Map<String, Map<String, String>> sd = s.structuredData();
        if (sd != null && !sd.isEmpty()) {
            KeyValueList.Builder elements = KeyValueList.newBuilder();
            sd.forEach((id, params) -> {
                KeyValueList.Builder p = KeyValueList.newBuilder();
                params.forEach((name, value) -> p.addValues(AnyValues.keyValue(name, value)));
                elements.addValues(AnyValues.keyValue(id, AnyValue.newBuilder().setKvlistValue(p).build()));
            });
            kv.addValues(AnyValues.keyValue("structured_data", AnyValue.newBuilder().setKvlistValue(elements).build()));
        }
        return AnyValues.keyValue(KEY, AnyValue.newBuilder().setKvlistValue(kv).build());
    }

    /** Fills {@code s} from the attribute's value. */
    static void read(KeyValueList kv, SyslogFields s) {
        for (KeyValue f : kv.getValuesList()) {
            AnyValue v = f.getValue();
            switch (f.getKey()) {
                case "facility" -> s.facilityCode((int) v.getIntValue());
                case "severity" -> s.severityCode((int) v.getIntValue());
                case "version" -> s.version((int) v.getIntValue());
                case "hostname" -> s.hostname(v.getStringValue());
                case "appname" -> s.appname(v.getStringValue());
                case "procid" -> s.procid(v.getStringValue());
                case "msgid" -> s.msgid(v.getStringValue());
                case "structured_data" -> {
                    for (KeyValue element : v.getKvlistValue().getValuesList()) {
                        for (KeyValue p : element.getValue().getKvlistValue().getValuesList()) {
                            s.addStructuredParam(element.getKey(), p.getKey(), p.getValue().getStringValue());
                        }
                    }
                }
                default -> { } // a field of a later version: ignored
            }
        }
    }

    private static void integer(KeyValueList.Builder kv, String key, int value) {
        if (value != SyslogFields.UNSET) kv.addValues(AnyValues.keyValue(key, AnyValue.newBuilder().setIntValue(value).build()));
    }

    private static void string(KeyValueList.Builder kv, String key, String value) {
        if (value != null) kv.addValues(AnyValues.keyValue(key, value));
    }
}
