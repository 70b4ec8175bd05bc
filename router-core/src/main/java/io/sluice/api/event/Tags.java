package io.sluice.api.event;

/** The tags Sluice itself puts on events (schema v1 {@code tags}). */
public final class Tags {
    public static final String TIMESTAMP_MISSING = "timestamp_missing";
    public static final String PARSE_FAILED = "parse_failed";
    public static final String TRUNCATED = "truncated";
    public static final String INVALID_UTF8 = "invalid_utf8";
    public static final String REPAIRED = "repaired";
    /** Prefix of the tag naming a field whose value was invalid and kept in attributes ({@code invalid_log_level}). */
    public static final String INVALID_PREFIX = "invalid_";

    private Tags() {}

    /**
     * One of the tags above (or an {@code invalid_} one): a bounded set, safe as a metric label,
     * unlike the tags an upstream collector's events may carry.
     */
    public static boolean isSluiceTag(String tag) {
        return switch (tag) {
            case TIMESTAMP_MISSING, PARSE_FAILED, TRUNCATED, INVALID_UTF8, REPAIRED -> true;
            default -> tag.startsWith(INVALID_PREFIX);
        };
    }
}
