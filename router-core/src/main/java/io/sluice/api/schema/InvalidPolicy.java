package io.sluice.api.schema;

/** What the normalizer does with a value that breaks the schema (normalize.on_invalid). */
public enum InvalidPolicy {
    /** Send the event to the dead-letter sink with the reason (the default: nothing passes as valid that isn't). */
    DEAD_LETTER,
    /** Move the offending value under {@code attributes}, tag the event, and pass it on. */
    REPAIR
}
