package io.sluice.api.schema;

import java.time.format.DateTimeFormatter;

/**
 * Where one named capture goes: a schema field, or (field null) {@code attributes.<capture name>};
 * converted to {@code type} first, with {@code layout} for a timestamp that needs one.
 */
public record CaptureMapping(SchemaField field, CaptureType type, DateTimeFormatter layout) {
    /** A capture with no mapping: kept as a string attribute. */
    public static final CaptureMapping ATTRIBUTE = new CaptureMapping(null, CaptureType.STRING, null);
}
