package io.sluice.api.schema.text;

import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.Timestamps;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The date-times text layouts write that {@link Timestamps} does not read: a time of day alone
 * (logback's and log4j2's {@code HH:mm:ss.SSS}), a month and day without a year (klog), slashes
 * (Go's {@code log}, nginx) and the access log's {@code 10/Oct/2000:13:55:36 -0700}. Times without an
 * offset are read in the input's zone; a missing date or year is taken from the clock, moved back a
 * day or a year when that would put the line more than an hour in the future.
 */
final class LocalTimes {
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private LocalTimes() {}

    /** {@code HH:mm:ss} at {@code p} with an optional {@code .fraction} or {@code ,fraction}; stores nanos of day and the end in {@code out}. */
    static boolean timeOfDay(byte[] b, int p, int end, long[] out) {
        int h = Scan.digits(b, p, 2, end);
        if (h < 0 || h > 23 || p + 8 > end || b[p + 2] != ':' || b[p + 5] != ':') return false;
        int m = Scan.digits(b, p + 3, 2, end);
        int s = Scan.digits(b, p + 6, 2, end);
        if (m < 0 || m > 59 || s < 0 || s > 60) return false;
        int q = p + 8;
        long nanos = 0;
        if (q < end && (b[q] == '.' || b[q] == ',') && q + 1 < end && Scan.isDigit(b[q + 1])) {
            q++;
            long scale = 100_000_000L;
            while (q < end && Scan.isDigit(b[q])) {
                nanos += (b[q] - '0') * scale;
                scale /= 10;
                q++;
            }
        }
        out[0] = (h * 3600L + m * 60L + Math.min(s, 59)) * 1_000_000_000L + nanos;
        out[1] = q;
        return true;
    }

    /**
     * Go's {@code time.Kitchen}, {@code 3:04PM} (zerolog's ConsoleWriter writes it by default): the hour 1 to 12,
     * minutes, {@code AM} or {@code PM}; stores nanos of day (to the minute) and the end in {@code out}.
     */
    static boolean kitchen(byte[] b, int p, int end, long[] out) {
        int colon = p + 1 < end && b[p + 1] == ':' ? p + 1 : p + 2;
        int h = Scan.digits(b, p, colon - p, end);
        if (h < 1 || h > 12 || colon + 5 > end || b[colon] != ':') return false;
        int m = Scan.digits(b, colon + 1, 2, end);
        byte half = b[colon + 3];
        if (m < 0 || m > 59 || (half != 'A' && half != 'P') || b[colon + 4] != 'M') return false;
        out[0] = ((h % 12 + (half == 'P' ? 12 : 0)) * 3600L + m * 60L) * 1_000_000_000L;
        out[1] = colon + 5;
        return true;
    }

    /** Epoch nanos of a local date and time of day in {@code zone}. */
    static long at(int year, int month, int day, long nanosOfDay, ZoneId zone) {
        if (month < 1 || month > 12 || day < 1 || day > 31) return LogEvent.NO_TIME;
        long secondOfDay = nanosOfDay / 1_000_000_000L;
        long epochSecond;
        if (zone == null || ZoneOffset.UTC.equals(zone)) {
            epochSecond = Timestamps.epochDay(year, month, day) * 86400L + secondOfDay;
        } else {
            try {
                epochSecond = LocalDateTime.of(year, month, day, 0, 0).plusSeconds(secondOfDay).atZone(zone).toEpochSecond();
            } catch (java.time.DateTimeException e) {
                return LogEvent.NO_TIME;
            }
        }
        return epochSecond * 1_000_000_000L + nanosOfDay % 1_000_000_000L;
    }

    /** Today's date in {@code zone} at the time of day; yesterday when today would be over an hour ahead. */
    static long today(long nanosOfDay, ZoneId zone) {
        LocalDate d = LocalDate.now(zone == null ? ZoneOffset.UTC : zone);
        long t = at(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), nanosOfDay, zone);
        if (t - System.currentTimeMillis() * 1_000_000L > HOUR_NANOS) {
            d = d.minusDays(1);
            t = at(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), nanosOfDay, zone);
        }
        return t;
    }

    /** This year's month and day at the time of day; last year's when this year's would be over an hour ahead. */
    static long thisYear(int month, int day, long nanosOfDay, ZoneId zone) {
        int year = LocalDate.now(zone == null ? ZoneOffset.UTC : zone).getYear();
        long t = at(year, month, day, nanosOfDay, zone);
        if (t != LogEvent.NO_TIME && t - System.currentTimeMillis() * 1_000_000L > HOUR_NANOS) {
            t = at(year - 1, month, day, nanosOfDay, zone);
        }
        return t;
    }

    /** {@code yyyy/MM/dd HH:mm:ss[.ffffff]} at {@code p}: stores epoch nanos and the end in {@code out}. */
    static boolean slashed(byte[] b, int p, int end, ZoneId zone, long[] out) {
        int y = Scan.digits(b, p, 4, end);
        if (y < 0 || p + 11 > end || b[p + 4] != '/' || b[p + 7] != '/' || b[p + 10] != ' ') return false;
        int mo = Scan.digits(b, p + 5, 2, end);
        int d = Scan.digits(b, p + 8, 2, end);
        if (!timeOfDay(b, p + 11, end, out)) return false;
        long t = at(y, mo, d, out[0], zone);
        if (t == LogEvent.NO_TIME) return false;
        out[0] = t;
        return true;
    }

    /** The access log's {@code dd/MMM/yyyy:HH:mm:ss +zzzz} from {@code p} (inside the brackets): epoch nanos, or NO_TIME. */
    static long accessLog(byte[] b, int p, int end) {
        if (end - p != 26 || b[p + 2] != '/' || b[p + 6] != '/' || b[p + 11] != ':' || b[p + 20] != ' ') return LogEvent.NO_TIME;
        int d = Scan.digits(b, p, 2, end);
        int mo = month(b, p + 3);
        int y = Scan.digits(b, p + 7, 4, end);
        long[] tod = new long[2];
        if (d < 0 || mo < 0 || y < 0 || !timeOfDay(b, p + 12, end, tod)) return LogEvent.NO_TIME;
        byte sign = b[p + 21];
        int oh = Scan.digits(b, p + 22, 2, end);
        int om = Scan.digits(b, p + 24, 2, end);
        if ((sign != '+' && sign != '-') || oh < 0 || om < 0) return LogEvent.NO_TIME;
        long t = at(y, mo, d, tod[0], ZoneOffset.UTC);
        if (t == LogEvent.NO_TIME) return t;
        long offset = (oh * 3600L + om * 60L) * 1_000_000_000L;
        return sign == '+' ? t - offset : t + offset;
    }

    private static int month(byte[] b, int p) {
        for (int i = 0; i < 12; i++) {
            if (b[p] == MONTHS.charAt(i * 3) && b[p + 1] == MONTHS.charAt(i * 3 + 1) && b[p + 2] == MONTHS.charAt(i * 3 + 2)) {
                return i + 1;
            }
        }
        return -1;
    }
}
