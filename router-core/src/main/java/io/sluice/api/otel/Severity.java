package io.sluice.api.otel;

import io.sluice.api.event.Level;

/**
 * OpenTelemetry severity numbers ↔ schema v1 levels. The log data model's ranges: 1–4 TRACE, 5–8
 * DEBUG, 9–12 INFO, 13–16 WARN, 17–20 ERROR, 21–24 FATAL; a level goes out as the first number of
 * its range.
 */
final class Severity {
    private static final Level[] BY_RANGE = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.FATAL};

    private Severity() {
    }

    /** @param number 1–24 */
    static Level level(int number) {
        return BY_RANGE[(number - 1) / 4];
    }

    static int number(Level level) {
        return level.ordinal() * 4 + 1;
    }

    /** The severity_text written for a level: the data model's short name, e.g. {@code WARN}. */
    static String text(Level level) {
        return level.name();
    }
}
