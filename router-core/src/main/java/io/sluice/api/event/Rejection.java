package io.sluice.api.event;

/**
 * Why an event was refused, carried to the dead-letter sink as {@code error.type} (the kind),
 * {@code error.message} (what the operator reads) and {@code error.code} (the stage that refused it:
 * {@code decode}, {@code normalize}, {@code output.<id>}).
 */
public record Rejection(String stage, String type, String message) {
    public static final String PARSE_ERROR = "parse_error";
    public static final String INVALID_VALUE = "invalid_value";
    public static final String REFUSED_BY_SINK = "refused_by_sink";
    /** A sink refused the event for its size even when sent alone. */
    public static final String TOO_LARGE = "too_large";
}
