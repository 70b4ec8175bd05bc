package io.sluice.api.schema;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** What a parser's capture converts to before it fills a field or an attribute. */
public enum CaptureType {
    STRING("string"),
    INT("int"),
    FLOAT("float"),
    /** a time: with a layout ({@link DateTimeFormatter} pattern), else any form docs/schema.md accepts */
    TIMESTAMP("timestamp"),
    /** a level word or syslog/bunyan number, as in docs/schema.md */
    LEVEL("level"),
    /** a hexadecimal trace or span id (the fields' own type; not a word users write) */
    HEX_ID("string");

    private final String word;

    CaptureType(String word) {
        this.word = word;
    }

    /** The word used in the config's {@code type:}. */
    public String word() {
        return word;
    }

    /** The type named {@code word} in a config; null when there is none. */
    public static CaptureType byWord(String word) {
        for (CaptureType t : values()) {
            if (t != HEX_ID && t.word.equals(word)) return t;
        }
        return null;
    }

    /**
     * The captured text as this type: a String, Long (int, and timestamps as epoch nanoseconds),
     * Double, or Level; null when the text does not convert.
     *
     * @param layout for {@link #TIMESTAMP}, the layout, or null for the schema's own time forms
     * @param zone   for times without an offset
     */
    Object convert(String text, DateTimeFormatter layout, ZoneId zone) {
        String t = text.trim();
        try {
            return switch (this) {
                case STRING -> text;
                case INT -> Long.parseLong(t);
                case FLOAT -> {
                    double d = Double.parseDouble(t);
                    yield Double.isFinite(d) ? d : null;
                }
                case TIMESTAMP -> layout == null ? noTimeAsNull(Timestamps.parse(t, zone)) : withLayout(t, layout, zone);
                case LEVEL -> isDigits(t) ? Levels.fromNumber(Long.parseLong(t)) : Levels.fromWord(t);
                case HEX_ID -> TraceIds.isHexId(t) ? TraceIds.normalizeHex(t) : null;
            };
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static Long noTimeAsNull(long nanos) {
        return nanos == io.sluice.api.event.LogEvent.NO_TIME ? null : nanos;
    }

    private static Long withLayout(String t, DateTimeFormatter layout, ZoneId zone) {
        TemporalAccessor parsed = layout.parseBest(t, ZonedDateTime::from, LocalDateTime::from);
        Instant instant = parsed instanceof ZonedDateTime z ? z.toInstant() : ((LocalDateTime) parsed).atZone(zone).toInstant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 18) return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }
}
