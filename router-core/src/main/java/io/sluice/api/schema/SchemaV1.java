package io.sluice.api.schema;

/** Constants of the agreed schema (docs/schema.md). */
public final class SchemaV1 {
    /** The ECS version whose field names schema v1 follows. */
    public static final String ECS_VERSION = "8.17.0";
    /** The schema's own major version, carried in Kafka headers and the like. */
    public static final String VERSION = "1";
    public static final String UNKNOWN_SERVICE = "unknown";

    private SchemaV1() {}
}
