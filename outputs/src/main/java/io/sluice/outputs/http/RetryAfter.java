package io.sluice.outputs.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header (RFC 9110 10.2.3): delay seconds or an HTTP-date. */
public final class RetryAfter {
    /** Longer waits are capped: a receiver's typo should not park a sink for a day. */
    static final Duration MAX = Duration.ofMinutes(10);

    private RetryAfter() {}

    /** The wait the header asks for, or null when absent or unreadable (the core's backoff then decides). */
    public static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) return null;
        String v = header.trim();
        Duration d;
        if (v.chars().allMatch(Character::isDigit)) {
            d = Duration.ofSeconds(Long.parseLong(v.length() > 9 ? "999999999" : v));
        } else {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                d = Duration.between(clock.instant(), at.toInstant());
                if (d.isNegative()) d = Duration.ZERO;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
