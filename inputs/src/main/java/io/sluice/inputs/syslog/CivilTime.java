package io.sluice.inputs.syslog;

import io.sluice.api.schema.Timestamps;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Calendar arithmetic for syslog times, without {@code java.time} objects on the UTC path. */
final class CivilTime {
    private static final long NANOS = 1_000_000_000L;

    private CivilTime() {}

    static boolean isLeap(int y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> isLeap(y) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Epoch seconds of a wall-clock time in {@code zone}. */
    static long epochSecond(int y, int mo, int d, int h, int mi, int s, ZoneId zone) {
        if (zone == null || ZoneOffset.UTC.equals(zone)) {
            return Timestamps.epochDay(y, mo, d) * 86400L + h * 3600L + mi * 60L + s;
        }
        return LocalDateTime.of(y, mo, d, h, mi, s).atZone(zone).toEpochSecond();
    }

    /**
     * An RFC 3164 time has no year: take the year that puts it nearest to the observed time (a
     * December message seen on January 1st belongs to last year).
     */
    static long nearestYear(int mo, int d, int h, int mi, int s, ZoneId zone, long observedNanos) {
        long observedSecond = Math.floorDiv(observedNanos, NANOS);
        int year = yearOfEpochDay(Math.floorDiv(observedSecond, 86400L));
        long best = Long.MIN_VALUE;
        long bestDistance = Long.MAX_VALUE;
        for (int y = year - 1; y <= year + 1; y++) {
            if (d > daysInMonth(y, mo)) continue; // Feb 29 outside leap years
            long t = epochSecond(y, mo, d, h, mi, s, zone);
            long distance = Math.abs(t - observedSecond);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = t;
            }
        }
        return best == Long.MIN_VALUE ? Long.MIN_VALUE : best * NANOS;
    }

    /** The proleptic Gregorian year of an epoch day (H. Hinnant's civil-from-days). */
    static int yearOfEpochDay(long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long month = mp < 10 ? mp + 3 : mp - 9;
        return (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    }
}
