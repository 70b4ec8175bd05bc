package io.sluice.api.schema;

import java.util.HashMap;
import java.util.Map;

/**
 * The keys of every JSON shape Sluice recognizes without configuration (docs/formats.md), built once
 * into a tree of lookup tables: the decoder looks each key up in the table of the object it is in,
 * and learns what a scalar value fills ({@link Node#slot}) and how to read an object value
 * ({@link Node#keys}). No regex and no per-record allocation: Jackson hands over key names
 * canonicalized from the bytes (one {@code String} per distinct key, with its hash cached), so a
 * lookup is one hash probe, whether or not the key is known.
 *
 * <p>ECS fields are registered by their dotted path and reached in every mix of dotted and nested
 * form ({@code log.origin.file.line}, {@code log: {origin: {file.line}}}, ...). Containers of context
 * ({@code mdc}, {@code contextMap}, {@code context}, {@code fields}, {@code extra}) are read with the
 * {@link #CONTEXT} table, errors ({@code err}, {@code error}, {@code exception}, {@code thrown}) with
 * the error table; what a container holds that no table knows stays under {@code attributes} in an
 * object of the container's name.
 */
final class KeyTable {
    /** How a key is read. */
    static final class Node {
        /** What a scalar value fills; null when only an object under this key means something. */
        final Slot slot;
        /** The keys of an object value; null when an object under this key is kept whole. */
        Map<String, Node> keys;

        Node(Slot slot) {
            this.slot = slot;
        }
    }

    /** The keys of a context container: correlation and origin keys, not the event's own message, time and level. */
    static final Map<String, Node> CONTEXT = build(false);
    /**
     * The keys of an {@code extra} container: {@link #CONTEXT}'s, and where PHP Monolog's
     * {@code IntrospectionProcessor} puts the call site, {@code file} (a path), {@code line} and
     * {@code function} ({@code class} and {@code callType} stay under {@code attributes.extra}).
     */
    static final Map<String, Node> EXTRA = monologExtra();
    /** The keys of a record's top level (after {@link #CONTEXT} and {@link #EXTRA}, which it refers to). */
    static final Map<String, Node> ROOT = build(true);

    /** loguru's record as {@code serialize=True} writes it; read with {@link #withLoguru}'s table. */
    private static final Map<String, Node> LOGURU_RECORD = loguruRecord();

    private KeyTable() {}

    /**
     * {@code root} with the two keys of loguru's {@code serialize=True} JSON: {@code text} (the sink's
     * rendering of the record, {@link Slot#RENDERED_TEXT}) and {@code record} (loguru's record). Only for
     * records that start as loguru writes them ({@code {"text": "}): elsewhere {@code record} is a word an
     * application may use for its own object, and {@code text} a message key.
     */
    static Map<String, Node> withLoguru(Map<String, Node> root) {
        Map<String, Node> t = new HashMap<>(root);
        t.put("text", new Node(Slot.RENDERED_TEXT));
        container(t, null, LOGURU_RECORD, "record");
        return t;
    }

    /**
     * {@code {"message", "level": {"name"}, "time": {"repr", "timestamp"}, "name", "function", "line",
     * "file": {"name"}, "process": {"id"}, "thread": {"name"}, "exception": null | {"type", "value",
     * "traceback"}, "extra": {...}}}. {@code time.timestamp} (the same instant as {@code time.repr}) and
     * {@code exception.traceback} (whether the text holds a traceback) are dropped; the rest
     * ({@code elapsed}, {@code module}, {@code level.no}, ...) stays under {@code attributes.record}.
     */
    private static Map<String, Node> loguruRecord() {
        Map<String, Node> r = new HashMap<>();
        keys(r, Slot.MESSAGE, "message");
        keys(objectKeys(r, "level"), Slot.LEVEL, "name");
        keys(objectKeys(r, "time"), Slot.TIME, "repr");
        keys(objectKeys(r, "time"), Slot.DROP, "timestamp");
        keys(r, Slot.LOGGER, "name");
        keys(r, Slot.ORIGIN_FUNCTION, "function");
        keys(r, Slot.ORIGIN_LINE, "line");
        keys(objectKeys(r, "file"), Slot.ORIGIN_FILE, "name");
        keys(objectKeys(r, "process"), Slot.PID, "id");
        keys(objectKeys(r, "thread"), Slot.THREAD, "name");
        Map<String, Node> exception = new HashMap<>();
        keys(exception, Slot.ERROR_TYPE, "type");
        keys(exception, Slot.ERROR_MESSAGE, "value");
        keys(exception, Slot.DROP, "traceback");
        container(r, Slot.DROP, exception, "exception"); // null when the record has no exception
        container(r, null, CONTEXT, "extra");
        return r;
    }

    private static Map<String, Node> monologExtra() {
        Map<String, Node> t = new HashMap<>(CONTEXT);
        keys(t, Slot.ORIGIN_FILE, "file");
        keys(t, Slot.ORIGIN_LINE, "line");
        keys(t, Slot.ORIGIN_FUNCTION, "function");
        return t;
    }

    private static Map<String, Node> build(boolean top) {
        Map<String, Node> t = new HashMap<>();
        if (top) {
            // hclog's JSONFormat: @message, @level, @timestamp, @module (the logger's name), @caller
            keys(t, Slot.MESSAGE, "message", "msg", "log", "text", "short_message", "@m", "@message");
            keys(t, Slot.SECONDARY_MESSAGE, "full_message", "event", "body");
            keys(t, Slot.MESSAGE_TEMPLATE, "@mt");
            keys(t, Slot.TIME, "@timestamp", "timestamp", "time", "ts", "datetime", "@t", "timeMillis",
                    "timeUnixNano", "asctime");
            keys(t, Slot.LEVEL, "level", "severity", "lvl", "loglevel", "levelname", "severity_text",
                    "severityText", "@l", "@level");
            ecs(t, "log.level", Slot.LEVEL);
            // log4j2 JsonLayout
            Map<String, Node> instant = objectKeys(t, "instant");
            keys(instant, Slot.EPOCH_SECOND, "epochSecond");
            keys(instant, Slot.NANO_OF_SECOND, "nanoOfSecond");
            // OpenTelemetry JSON: "body": {"stringValue": ...}
            keys(objectKeys(t, "body"), Slot.SECONDARY_MESSAGE, "stringValue");
        }
        ecs(t, "log.logger", Slot.LOGGER);
        keys(t, Slot.LOGGER, "logger", "logger_name", "loggerName", "_logger", "_logger_name", "SourceContext");
        ecs(t, "process.thread.name", Slot.THREAD);
        keys(t, Slot.THREAD, "thread_name", "threadName", "_thread", "_thread_name");
        ecs(t, "process.pid", Slot.PID);
        keys(t, Slot.PID, "pid");
        ecs(t, "log.origin.file.name", Slot.ORIGIN_FILE);
        ecs(t, "log.origin.file.line", Slot.ORIGIN_LINE);
        ecs(t, "log.origin.function", Slot.ORIGIN_FUNCTION);
        keys(t, Slot.ORIGIN_FILE, "filename", "caller_file_name");
        keys(t, Slot.ORIGIN_LINE, "lineno", "caller_line_number");
        // structlog's CallsiteParameterAdder writes func_name (the logging module's record has funcName)
        keys(t, Slot.ORIGIN_FUNCTION, "funcName", "func_name", "func", "caller_method_name");
        keys(t, Slot.CALLER, "caller");
        if (top) {
            // Words an application's own context may use for something else: read only at the top
            // level, where the libraries put them, not inside context containers.
            // PHP Monolog's channel (its JsonFormatter and LogstashFormatter) and hclog's @module: the logger's name
            keys(t, Slot.LOGGER, "name", "channel", "@module");
            keys(t, Slot.THREAD, "thread");
            keys(t, Slot.PID, "process");
            keys(t, Slot.CALLER, "file", "@caller");
            keys(t, Slot.SERVICE, "service", "app");
            keys(t, Slot.HOST, "host");
            // slog's and log4j2 JsonLayout's "source": {"function"|"method", "file", "line"}
            Map<String, Node> source = objectKeys(t, "source");
            keys(source, Slot.ORIGIN_FUNCTION, "function", "method");
            keys(source, Slot.ORIGIN_FILE, "file");
            keys(source, Slot.ORIGIN_LINE, "line");
        }
        ecs(t, "service.name", Slot.SERVICE);
        keys(t, Slot.SERVICE, "service_name");
        ecs(t, "service.version", Slot.SERVICE_VERSION);
        ecs(t, "service.environment", Slot.SERVICE_ENVIRONMENT);
        ecs(t, "event.dataset", Slot.DATASET);
        ecs(t, "host.name", Slot.HOST);
        // ECS's hostname field: what ecs-logging-nodejs's pino format writes pino's hostname as
        ecs(t, "host.hostname", Slot.HOST);
        keys(t, Slot.HOST, "hostname");
        ecs(t, "trace.id", Slot.TRACE);
        keys(t, Slot.TRACE, "trace_id", "traceId", "traceid", "trace-id", "TraceId");
        ecs(t, "span.id", Slot.SPAN);
        keys(t, Slot.SPAN, "span_id", "spanId", "spanid", "span-id", "SpanId");
        keys(t, Slot.TRACEPARENT, "traceparent");
        ecs(t, "ecs.version", Slot.DROP);

        ecs(t, "error.message", Slot.ERROR_MESSAGE);
        ecs(t, "error.type", Slot.ERROR_TYPE);
        ecs(t, "error.stack_trace", Slot.ERROR_STACK);
        keys(t, Slot.ERROR_MESSAGE, "error_message", "error");
        keys(t, Slot.ERROR_TYPE, "error_type", "exception_type");
        keys(t, Slot.ERROR_STACK, "stack_trace", "stacktrace", "exc_info", "@x");
        keys(t, Slot.STACK, "stack");
        // an error as an object: ECS, bunyan/pino err, Logstash exception, log4j2 thrown
        Map<String, Node> error = t.get("error").keys;
        keys(error, Slot.ERROR_TYPE, "name", "class", "kind", "exception_class");
        keys(error, Slot.ERROR_MESSAGE, "exception_message");
        keys(error, Slot.ERROR_STACK, "stacktrace", "stackTrace");
        keys(error, Slot.STACK, "stack");
        keys(error, Slot.STACK_FRAMES, "extendedStackTrace");
        // PHP Monolog's normalized exception: {"class", "message", "code", "file": "path:line", "trace": ["path:line"]}
        keys(error, Slot.ERROR_FILE, "file");
        keys(error, Slot.PHP_FRAMES, "trace");
        container(t, Slot.ERROR_MESSAGE, error, "err");
        container(t, Slot.EXCEPTION, error, "exception");
        container(t, null, error, "thrown");
        if (top) {
            for (String name : new String[] {"mdc", "contextMap", "context", "fields", "resource"}) {
                container(t, null, CONTEXT, name);
            }
            container(t, null, EXTRA, "extra");
        }
        return t;
    }

    private static void keys(Map<String, Node> table, Slot slot, String... names) {
        for (String name : names) {
            Node existing = table.get(name);
            if (existing != null && existing.slot != null) throw new IllegalStateException("key registered twice: " + name);
            Node n = new Node(slot);
            if (existing != null) n.keys = existing.keys;
            table.put(name, n);
        }
    }

    /** A key whose scalar fills {@code slot} and whose object is read with {@code keys}. */
    private static void container(Map<String, Node> table, Slot slot, Map<String, Node> keys, String name) {
        Node n = new Node(slot);
        n.keys = keys;
        table.put(name, n);
    }

    /** Registers an ECS path in every split of dotted and nested form: {@code a.b.c}, {@code a:{b.c}}, {@code a:{b:{c}}}, {@code a.b:{c}}. */
    private static void ecs(Map<String, Node> table, String path, Slot slot) {
        Node leaf = table.get(path);
        if (leaf == null) {
            table.put(path, new Node(slot));
        } else if (leaf.slot == null) {
            Node n = new Node(slot);
            n.keys = leaf.keys;
            table.put(path, n);
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            ecs(objectKeys(table, path.substring(0, dot)), path.substring(dot + 1), slot);
        }
    }

    /** The table of an object under {@code name}, created empty on first use. */
    private static Map<String, Node> objectKeys(Map<String, Node> table, String name) {
        Node n = table.computeIfAbsent(name, k -> new Node(null));
        if (n.keys == null) n.keys = new HashMap<>();
        return n.keys;
    }
}
