package io.sluice.api.template;

/**
 * What a {@link FieldTemplate} renders when an event lacks a field it names, or the field is empty.
 * The sink chooses, because the right answer depends on what a wrong name costs there.
 */
public enum MissingField {
    /**
     * The value becomes {@value FieldTemplate#UNKNOWN}: the event still lands somewhere predictable
     * (a file output's {@code unknown.ndjson}, an Elasticsearch {@code logs-unknown-default}).
     */
    WRITE_UNKNOWN,
    /**
     * {@link FieldTemplate#render} returns null and the sink decides (the Kafka output sends such an
     * event to its {@code fallback_topic}, or refuses it to the dead letter).
     */
    NO_RESULT
}
