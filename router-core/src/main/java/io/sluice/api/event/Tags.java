package io.sluice.api.event;

/** The tags Sluice itself puts on events (schema v1 {@code tags}). */
public final class Tags {
    public static final String TIMESTAMP_MISSING = "timestamp_missing";
    public static final String PARSE_FAILED = "parse_failed";
    public static final String TRUNCATED = "truncated";
    public static final String INVALID_UTF8 = "invalid_utf8";
    public static final String REPAIRED = "repaired";

    private Tags() {}
}
