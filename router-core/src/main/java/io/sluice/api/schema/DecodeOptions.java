package io.sluice.api.schema;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Per-input settings every decoder honours.
 *
 * @param zone           zone for times that carry no offset
 * @param onInvalid      what to do with schema-breaking values (from {@code normalize.on_invalid})
 * @param deadLetterUnparseable true to dead-letter records the input's format cannot parse, instead of
 *                       passing them on raw and tagged {@code parse_failed}
 */
public record DecodeOptions(ZoneId zone, InvalidPolicy onInvalid, boolean deadLetterUnparseable) {
    public static final DecodeOptions DEFAULT = new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.DEAD_LETTER, false);
}
