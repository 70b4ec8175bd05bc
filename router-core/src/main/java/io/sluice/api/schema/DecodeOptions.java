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
 * @param parser         the input's user-defined parser (its {@code parser:}), or null
 * @param aliases        the input's extra JSON keys for schema fields (its {@code aliases:})
 */
public record DecodeOptions(ZoneId zone, InvalidPolicy onInvalid, boolean deadLetterUnparseable, RecordParser parser,
                            FieldAliases aliases) {
    public static final DecodeOptions DEFAULT = new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.DEAD_LETTER, false);

    public DecodeOptions(ZoneId zone, InvalidPolicy onInvalid, boolean deadLetterUnparseable) {
        this(zone, onInvalid, deadLetterUnparseable, null, FieldAliases.NONE);
    }

    /** These options with times without an offset read in {@code zone} (a {@link java.time.ZoneId} name); null: unchanged. */
    public DecodeOptions inZone(String zone) {
        return zone == null ? this : new DecodeOptions(ZoneId.of(zone), onInvalid, deadLetterUnparseable, parser, aliases);
    }

    /** These options with the input's parser and aliases. */
    public DecodeOptions withParsing(RecordParser parser, FieldAliases aliases) {
        return new DecodeOptions(zone, onInvalid, deadLetterUnparseable, parser, aliases);
    }
}
