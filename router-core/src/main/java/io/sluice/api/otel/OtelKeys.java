package io.sluice.api.otel;

/**
 * The attribute keys of the schema v1 ↔ OTLP mapping (docs/otel.md), shared by both directions so
 * the table has one implementation. Resource keys follow the OpenTelemetry semantic conventions;
 * schema v1 fields that OpenTelemetry has no field for travel as log record attributes.
 */
final class OtelKeys {
    private OtelKeys() {
    }

    // resource attributes (semantic conventions)
    static final String SERVICE_NAME = "service.name";
    static final String HOST_NAME = "host.name";
    static final String CONTAINER_ID = "container.id";
    static final String CONTAINER_NAME = "container.name";
    static final String CONTAINER_RUNTIME = "container.runtime";
    static final String K8S_NAMESPACE = "k8s.namespace.name";
    static final String K8S_POD_NAME = "k8s.pod.name";
    static final String K8S_POD_UID = "k8s.pod.uid";
    static final String K8S_CONTAINER_NAME = "k8s.container.name";
    // the Kubernetes API's metadata: KubernetesResource
    static final String PROCESS_PID = "process.pid";
    static final String SERVICE_VERSION = "service.version";
    static final String DEPLOYMENT_ENVIRONMENT = "deployment.environment.name";
    /** The name before semantic conventions 1.27; accepted on input only. */
    static final String DEPLOYMENT_ENVIRONMENT_OLD = "deployment.environment";

    // log record attributes (semantic conventions)
    static final String EXCEPTION_TYPE = "exception.type";
    static final String EXCEPTION_MESSAGE = "exception.message";
    static final String EXCEPTION_STACKTRACE = "exception.stacktrace";
    static final String IOSTREAM = "log.iostream";
    static final String FILE_PATH = "log.file.path";
    static final String THREAD_NAME = "thread.name";
    static final String CODE_FILE = "code.file.path";
    static final String CODE_LINE = "code.line.number";
    static final String CODE_FUNCTION = "code.function.name";
    /** The code.* names before semantic conventions 1.30; accepted on input only. */
    static final String CODE_FILE_OLD = "code.filepath";
    static final String CODE_LINE_OLD = "code.lineno";
    static final String CODE_FUNCTION_OLD = "code.function";
    static final String HTTP_METHOD = "http.request.method";
    /** A header attribute: a string array in the semantic conventions; a plain string is accepted on input. */
    static final String HTTP_REFERER = "http.request.header.referer";
    static final String HTTP_STATUS_CODE = "http.response.status_code";
    static final String HTTP_BODY_SIZE = "http.response.body.size";
    static final String NETWORK_PROTOCOL_VERSION = "network.protocol.version";
    static final String URL_FULL = "url.full";
    static final String URL_PATH = "url.path";
    static final String URL_QUERY = "url.query";
    static final String CLIENT_ADDRESS = "client.address";
    static final String USER_AGENT = "user_agent.original";

    // log record attributes for schema v1 fields OpenTelemetry has no place for
    static final String ERROR_CODE = "error.code";
    static final String OFFSET = "log.offset";
    static final String SEQUENCE = "event.sequence";
    static final String ORIGINAL = "event.original";
    static final String INPUT_TYPE = "input.type";
    static final String LABELS = "labels";
    static final String TAGS = "tags";
    static final String TRACE_FLAGS = "trace.flags";
    static final String EVENT_NAME = "event.name";
    static final String DATASET = "event.dataset";
    /** {@code event.duration} in nanoseconds, as ECS counts it (an int). */
    static final String DURATION = "event.duration";
    /** The record's own severity_text when it is not the level's name (e.g. {@code NOTICE}). */
    static final String SEVERITY_TEXT = "log.severity_text";
    /** The scope version (the scope name is {@code log.logger}): schema v1 has no field for it. */
    static final String LOGGER_VERSION = "log.logger_version";
    /** Resource attributes with no schema v1 field, kept as one object. */
    static final String RESOURCE = "resource";
}
