package io.sluice.api.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.sluice.api.event.Attributes;
import io.sluice.api.event.HttpFields;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.SyslogFields;
import io.sluice.api.plugin.RecordDecoder;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads schema v1 JSON, as {@link EventEncoder} writes it, back into a {@link LogEvent}, so an event
 * that already went through a Sluice (a collector writing to Kafka, read by an aggregator) passes on
 * unchanged: encoding the decoded event gives the same fields and values, including its original
 * {@code event.created}, {@code event.sequence} and {@code input.type}. Attribute values are copied
 * as their JSON bytes.
 *
 * <p>A record that is not a complete schema v1 event (not JSON, or a required field missing or
 * invalid) goes to the fallback decoder instead, untouched by this one.
 */
public final class SchemaV1Decoder implements RecordDecoder {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final RecordDecoder fallback;

    /** @param fallback decodes records that are not schema v1 (e.g. a {@link JsonRecordDecoder}) */
    public SchemaV1Decoder(RecordDecoder fallback) {
        this.fallback = fallback;
    }

    /** The wrapped decoder may count per record: its counts go out with the batch. */
    @Override
    public void batchDone() {
        fallback.batchDone();
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        LogEvent parsed = new LogEvent();
        if (tryDecode(b, off, len, parsed)) {
            transfer(parsed, event);
        } else {
            fallback.decode(b, off, len, event);
        }
    }

    /** True when the record is a whole schema v1 event, now in {@code e}. */
    static boolean tryDecode(byte[] b, int off, int len, LogEvent e) {
        Required seen = new Required();
        ContainerGroupReader containerGroup = new ContainerGroupReader();
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            readTop(p, b, off, e, seen, containerGroup);
            if (p.nextToken() != null) return false;
        } catch (IOException | RuntimeException ex) {
            return false;
        }
        containerGroup.applyTo(e);
        return seen.complete() && e.hasTimestamp() && e.level() != null;
    }

    /** Which required fields the record had. */
    private static final class Required {
        boolean message;
        boolean service;
        boolean host;
        boolean created;
        boolean input;
        boolean ecs;

        boolean complete() {
            return message && service && host && created && input && ecs;
        }
    }

    private static void readTop(JsonParser p, byte[] b, int base, LogEvent e, Required seen,
                                ContainerGroupReader containerGroup) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "@timestamp" -> e.timestampNanos(Timestamps.parse(text(p, v), java.time.ZoneOffset.UTC));
                case "message" -> {
                    e.message(text(p, v));
                    seen.message = true;
                }
                case "log" -> readLog(p, v, e);
                case "service" -> seen.service = readService(p, v, e);
                case "process" -> readProcess(p, v, e);
                case "http" -> readHttp(p, v, e.httpOrCreate());
                case "url" -> readUrl(p, v, e.httpOrCreate());
                case "client" -> readNamed(p, v, "ip", ip -> e.httpOrCreate().clientIp(ip));
                case "user_agent" -> readNamed(p, v, "original", ua -> e.httpOrCreate().userAgent(ua));
                case "host" -> seen.host = readNamed(p, v, n -> e.hostName(n));
                case "event" -> seen.created = readEvent(p, v, e);
                case "input" -> {
                    expect(v, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        JsonToken t = p.nextToken();
                        if (k.equals("type")) {
                            e.inputType(text(p, t));
                            seen.input = true;
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                case "ecs" -> {
                    p.skipChildren();
                    seen.ecs = v == JsonToken.START_OBJECT;
                }
                case "stream" -> e.stream(text(p, v));
                case "container" -> containerGroup.readContainer(p, v);
                case "kubernetes" -> containerGroup.readKubernetes(p, v);
                case "orchestrator" -> containerGroup.readOrchestrator(p, v);
                case "trace" -> readNamed(p, v, "id", id -> e.traceId(id));
                case "span" -> readNamed(p, v, "id", id -> e.spanId(id));
                case "error" -> readError(p, v, e);
                case "labels" -> e.labels(readStringMap(p, v));
                case "tags" -> {
                    expect(v, JsonToken.START_ARRAY);
                    while (p.nextToken() != JsonToken.END_ARRAY) e.addTag(text(p, p.currentToken()));
                }
                case "attributes" -> {
                    expect(v, JsonToken.START_OBJECT);
                    Attributes a = e.attributesOrCreate();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        JsonToken t = p.nextToken();
                        int start = base + (int) p.currentTokenLocation().getByteOffset();
                        a.putRawJson(k, b, start, JsonRecordDecoder.end(p, t, base) - start);
                    }
                }
                default -> {
                    // Not a schema v1 field: keep it rather than lose it.
                    int start = base + (int) p.currentTokenLocation().getByteOffset();
                    e.attributesOrCreate().putRawJson(key, b, start, JsonRecordDecoder.end(p, v, base) - start);
                }
            }
        }
    }

    private static void readLog(JsonParser p, JsonToken v, LogEvent e) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "level" -> {
                    Level level = Levels.fromWord(text(p, t));
                    // only the schema's own spellings: anything else is not a v1 event
                    if (level != null && level.text().equals(p.getText())) e.level(level);
                }
                case "logger" -> e.logger(text(p, t));
                case "origin" -> readOrigin(p, t, e);
                case "file" -> readNamed(p, t, "path", path -> e.filePath(path));
                case "offset" -> e.offset(number(p, t));
                case "syslog" -> readSyslog(p, t, e.syslogOrCreate());
                default -> p.skipChildren();
            }
        }
    }

    private static void readSyslog(JsonParser p, JsonToken v, SyslogFields s) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "severity" -> s.severityCode((int) codeOf(p, t));
                case "facility" -> s.facilityCode((int) codeOf(p, t));
                // a keyword since ECS says so; a number from a Sluice before that
                case "version" -> s.version(t == JsonToken.VALUE_STRING ? Integer.parseInt(p.getText()) : (int) number(p, t));
                case "hostname" -> s.hostname(text(p, t));
                case "appname" -> s.appname(text(p, t));
                case "procid" -> s.procid(text(p, t));
                case "msgid" -> s.msgid(text(p, t));
                case "structured_data" -> {
                    expect(t, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String sdId = p.currentName();
                        s.structuredElement(sdId).putAll(readStringMap(p, p.nextToken()));
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    /** {@code {"code": n, "name": ...}}: the code; the name follows from it. */
    private static long codeOf(JsonParser p, JsonToken v) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        long code = SyslogFields.UNSET;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            if (k.equals("code")) code = number(p, t);
            else p.skipChildren();
        }
        return code;
    }

    private static boolean readEvent(JsonParser p, JsonToken v, LogEvent e) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        boolean created = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "created" -> {
                    long nanos = Timestamps.parse(text(p, t), java.time.ZoneOffset.UTC);
                    created = nanos != LogEvent.NO_TIME;
                    e.createdNanos(nanos);
                }
                case "sequence" -> e.sequence(number(p, t));
                case "dataset" -> e.dataset(text(p, t));
                case "duration" -> e.durationNanos(number(p, t));
                case "original" -> e.original(text(p, t));
                default -> p.skipChildren();
            }
        }
        return created;
    }

    private static boolean readService(JsonParser p, JsonToken v, LogEvent e) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        boolean named = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "name" -> {
                    e.serviceName(text(p, t));
                    named = true;
                }
                case "version" -> e.serviceVersion(text(p, t));
                case "environment" -> e.serviceEnvironment(text(p, t));
                default -> p.skipChildren();
            }
        }
        return named;
    }

    private static void readOrigin(JsonParser p, JsonToken v, LogEvent e) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "function" -> e.originFunction(text(p, t));
                case "file" -> {
                    expect(t, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String fk = p.currentName();
                        JsonToken ft = p.nextToken();
                        if (fk.equals("name")) e.originFile(text(p, ft));
                        else if (fk.equals("line")) e.originLine(number(p, ft));
                        else p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private static void readProcess(JsonParser p, JsonToken v, LogEvent e) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "pid" -> e.pid(number(p, t));
                case "thread" -> readNamed(p, t, n -> e.threadName(n));
                default -> p.skipChildren();
            }
        }
    }

    private static void readHttp(JsonParser p, JsonToken v, HttpFields h) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "version" -> h.version(text(p, t));
                case "request" -> {
                    expect(t, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String rk = p.currentName();
                        JsonToken rt = p.nextToken();
                        if (rk.equals("method")) h.method(text(p, rt));
                        else if (rk.equals("referrer")) h.referrer(text(p, rt));
                        else p.skipChildren();
                    }
                }
                case "response" -> {
                    expect(t, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String rk = p.currentName();
                        JsonToken rt = p.nextToken();
                        if (rk.equals("status_code")) h.statusCode(number(p, rt));
                        else if (rk.equals("body")) readBodyBytes(p, rt, h);
                        else p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private static void readBodyBytes(JsonParser p, JsonToken v, HttpFields h) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            if (k.equals("bytes")) h.bodyBytes(number(p, t));
            else p.skipChildren();
        }
    }

    private static void readUrl(JsonParser p, JsonToken v, HttpFields h) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "original" -> h.urlOriginal(text(p, t));
                case "path" -> h.urlPath(text(p, t));
                case "query" -> h.urlQuery(text(p, t));
                default -> p.skipChildren();
            }
        }
    }

    private static void readError(JsonParser p, JsonToken v, LogEvent e) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            switch (k) {
                case "code" -> e.errorCode(text(p, t));
                case "type" -> e.errorType(text(p, t));
                case "message" -> e.errorMessage(text(p, t));
                case "stack_trace" -> e.errorStackTrace(text(p, t));
                default -> p.skipChildren();
            }
        }
    }

    interface Setter {
        void set(String value);
    }

    /** {@code {"name": "..."}}; true when the name was there. */
    private static boolean readNamed(JsonParser p, JsonToken v, Setter setter) throws IOException {
        return readNamed(p, v, "name", setter);
    }

    static boolean readNamed(JsonParser p, JsonToken v, String field, Setter setter) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken t = p.nextToken();
            if (k.equals(field)) {
                setter.set(text(p, t));
                found = true;
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    static Map<String, String> readStringMap(JsonParser p, JsonToken v) throws IOException {
        expect(v, JsonToken.START_OBJECT);
        Map<String, String> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            map.put(k, text(p, p.nextToken()));
        }
        return map;
    }

    static String text(JsonParser p, JsonToken v) throws IOException {
        expect(v, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static long number(JsonParser p, JsonToken v) throws IOException {
        expect(v, JsonToken.VALUE_NUMBER_INT);
        return p.getLongValue();
    }

    static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) throw new IOException("expected " + expected + ", found " + actual);
    }

    /** Moves a decoded event into the pipeline's event, whose pre-set fields the record overrides. */
    private static void transfer(LogEvent from, LogEvent to) {
        to.timestampNanos(from.timestampNanos()).createdNanos(from.createdNanos()).sequence(from.sequence())
                .message(from.message()).level(from.level()).serviceName(from.serviceName()).hostName(from.hostName())
                .inputType(from.inputType()).stream(from.stream()).traceId(from.traceId()).spanId(from.spanId())
                .filePath(from.filePath()).offset(from.offset()).errorType(from.errorType())
                .errorMessage(from.errorMessage()).errorStackTrace(from.errorStackTrace()).errorCode(from.errorCode())
                .container(from.container()).kubernetes(from.kubernetes()).labels(from.labels()).attributes(from.attributes())
                .logger(from.logger()).threadName(from.threadName()).pid(from.pid()).originFile(from.originFile())
                .originLine(from.originLine()).originFunction(from.originFunction()).dataset(from.dataset())
                .serviceVersion(from.serviceVersion()).serviceEnvironment(from.serviceEnvironment())
                .durationNanos(from.durationNanos());
        if (from.http() != null) copyHttp(from.http(), to.httpOrCreate());
        if (from.original() != null) to.original(from.original());
        for (String tag : from.tags()) to.addTag(tag);
        SyslogFields s = from.syslog();
        if (s != null && !isEmpty(s)) {
            SyslogFields t = to.syslogOrCreate();
            t.severityCode(s.severityCode());
            t.facilityCode(s.facilityCode());
            t.version(s.version());
            t.hostname(s.hostname());
            t.appname(s.appname());
            t.procid(s.procid());
            t.msgid(s.msgid());
            if (s.structuredData() != null) s.structuredData().forEach((id, params) -> t.structuredElement(id).putAll(params));
        }
    }

    private static void copyHttp(HttpFields from, HttpFields to) {
        to.method(from.method()).referrer(from.referrer()).statusCode(from.statusCode()).bodyBytes(from.bodyBytes())
                .version(from.version()).urlOriginal(from.urlOriginal()).urlPath(from.urlPath())
                .urlQuery(from.urlQuery()).clientIp(from.clientIp()).userAgent(from.userAgent());
    }

    private static boolean isEmpty(SyslogFields s) {
        return s.severityCode() == SyslogFields.UNSET && s.facilityCode() == SyslogFields.UNSET
                && s.version() == SyslogFields.UNSET && s.hostname() == null && s.appname() == null
                && s.procid() == null && s.msgid() == null && s.structuredData() == null;
    }
}
