package io.sluice.api.schema;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Rejection;

/** Applies {@link InvalidPolicy} to a source value that cannot fill its schema field. */
final class ValueProblems {
    private ValueProblems() {}

    /**
     * @param field     the schema field, e.g. {@code log.level}
     * @param sourceKey the record's key the value came from; the value is kept under it in attributes
     * @param rawJson   the value as JSON text (bytes), kept as is when repairing
     */
    static void invalid(LogEvent event, DecodeOptions options, String field, String sourceKey,
                        byte[] rawJson, int off, int len, String shownValue) {
        if (options.onInvalid() == InvalidPolicy.REPAIR) {
            event.attributesOrCreate().putRawJson(sourceKey, rawJson, off, len);
            event.addTag(io.sluice.api.event.Tags.INVALID_PREFIX + field.replace('.', '_'));
        } else if (event.rejection() == null) {
            event.reject(new Rejection("normalize", Rejection.INVALID_VALUE,
                    field + ": '" + shownValue + "' from key '" + sourceKey + "' is not a valid value"));
        }
    }
}
