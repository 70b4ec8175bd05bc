package io.sluice.api.template;

/**
 * What a {@link FieldTemplate} renders into (a file path, a Kafka topic, an index name), supplied by
 * the sink: which characters of its own literal text it accepts, and how an event's value is made
 * safe. Values come from whoever can send a log line, so they are escaped, never trusted; the
 * sink's own literal text is checked once at config time instead, so a typo is a config error.
 */
public interface TemplateTarget {

    /**
     * Checks the literal text between fields when the template is parsed.
     *
     * @return null when the literal is acceptable, else what is wrong, e.g. "'/' is not allowed;
     *         Kafka topic names take only letters, digits, '.', '_' and '-'"
     */
    default String refuseLiteral(String literal) {
        return null;
    }

    /** Appends a present, non-empty event value, with characters the target cannot take replaced. */
    void appendValue(String value, StringBuilder out);
}
