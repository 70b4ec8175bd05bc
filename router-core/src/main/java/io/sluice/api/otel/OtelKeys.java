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

    // log record attributes (semantic conventions)
    static final String EXCEPTION_TYPE = "exception.type";
    static final String EXCEPTION_MESSAGE = "exception.message";
    static final String EXCEPTION_STACKTRACE = "exception.stacktrace";
    static final String IOSTREAM = "log.iostream";
    static final String FILE_PATH = "log.file.path";

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
    /** The record's own severity_text when it is not the level's name (e.g. {@code NOTICE}). */
    static final String SEVERITY_TEXT = "log.severity_text";
    /** Scope name and version: schema v1 has no {@code log.logger} field, so it is an attribute. */
    static final String LOGGER = "log.logger";
    static final String LOGGER_VERSION = "log.logger_version";
    /** Resource attributes with no schema v1 field, kept as one object. */
    static final String RESOURCE = "resource";
}
