package io.sluice.api.schema;

import io.sluice.api.event.LogEvent;
import io.sluice.api.json.JsonBytes;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Parses the time forms log records use and formats RFC 3339 UTC, on bytes and without
 * {@code java.time} on the common path (the design spike measured RFC 3339 parsing at 5% of the
 * pipeline with {@code DateTimeFormatter}).
 *
 * <p>Accepted: RFC 3339 / ISO 8601 with {@code T} or a space, any fraction up to nanoseconds (a comma
 * is accepted as the decimal mark, as log4j writes it), {@code Z} or {@code ±hh:mm} / {@code ±hhmm};
 * without an offset the given zone applies. Epoch numbers are taken as seconds, milliseconds,
 * microseconds or nanoseconds by their magnitude.
 */
public final class Timestamps {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timestamps() {}

    /** Parses a date-time string; returns {@link LogEvent#NO_TIME} when it is not one. */
    public static long parse(CharSequence s, ZoneId zone) {
        int n = s.length();
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0x7F) return LogEvent.NO_TIME;
            b[i] = (byte) c;
        }
        return parse(b, 0, n, zone);
    }

    /** As {@link #parse(CharSequence, ZoneId)} over ASCII bytes; the whole range must be the time. */
    public static long parse(byte[] b, int off, int len, ZoneId zone) {
        long r = dateTime(b, off, len, zone, true, null); // no scratch array: this is on every record's path
        if (r != LogEvent.NO_TIME) return r;
        return parseEpoch(b, off, len);
    }

    /**
     * Parses an ISO date-time at the start of {@code b[off..off+len)}. On success stores the epoch
     * nanos in {@code out[0]} and the number of bytes consumed in {@code out[1]}.
     */
    public static boolean parsePrefix(byte[] b, int off, int len, ZoneId zone, long[] out) {
        return dateTime(b, off, len, zone, false, out) != LogEvent.NO_TIME;
    }

    /**
     * The epoch nanos of the ISO date-time at {@code off}, or {@link LogEvent#NO_TIME}; with {@code whole}
     * it must fill the range. When {@code consumed} is given, it gets the nanos and the bytes read.
     */
    private static long dateTime(byte[] b, int off, int len, ZoneId zone, boolean whole, long[] consumed) {
        if (len < 19) return LogEvent.NO_TIME;
        int p = off;
        int year = digits(b, p, 4);
        if (year < 0 || b[p + 4] != '-') return LogEvent.NO_TIME;
        int month = digits(b, p + 5, 2);
        if (month < 1 || month > 12 || b[p + 7] != '-') return LogEvent.NO_TIME;
        int day = digits(b, p + 8, 2);
        if (day < 1 || day > 31) return LogEvent.NO_TIME;
        byte sep = b[p + 10];
        if (sep != 'T' && sep != 't' && sep != ' ') return LogEvent.NO_TIME;
        int hour = digits(b, p + 11, 2);
        if (hour < 0 || hour > 23 || b[p + 13] != ':') return LogEvent.NO_TIME;
        int minute = digits(b, p + 14, 2);
        if (minute < 0 || minute > 59 || b[p + 16] != ':') return LogEvent.NO_TIME;
        int second = digits(b, p + 17, 2);
        if (second < 0 || second > 60) return LogEvent.NO_TIME;
        if (second == 60) second = 59; // a leap second is kept inside its minute
        p += 19;
        int end = off + len;
        long nanos = 0;
        if (p < end && (b[p] == '.' || b[p] == ',')) {
            p++;
            int start = p;
            long scale = 100_000_000L;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                nanos += (b[p] - '0') * scale;
                scale /= 10;
                p++;
            }
            if (p == start) return LogEvent.NO_TIME;
        }
        if (day > daysInMonth(year, month)) return LogEvent.NO_TIME;
        long epochSecond = epochDay(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
        if (p < end && (b[p] == 'Z' || b[p] == 'z')) {
            p++;
        } else if (p < end && (b[p] == '+' || b[p] == '-')) {
            int sign = b[p] == '+' ? 1 : -1;
            int oh = digits(b, p + 1, 2, end);
            if (oh < 0 || oh > 18) return LogEvent.NO_TIME;
            int q = p + 3;
            if (q < end && b[q] == ':') q++;
            int om = digits(b, q, 2, end);
            if (om < 0) {
                om = 0; // "+01" alone
            } else {
                q += 2;
            }
            epochSecond -= sign * (oh * 3600L + om * 60L);
            p = q;
        } else if (zone != null && !ZoneOffset.UTC.equals(zone)) {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
            epochSecond = local.atZone(zone).toEpochSecond();
        }
        if (whole && p - off != len) return LogEvent.NO_TIME;
        long epochNanos = epochSecond * NANOS_PER_SECOND + nanos;
        if (consumed != null) {
            consumed[0] = epochNanos;
            consumed[1] = p - off;
        }
        return epochNanos;
    }

    /** Epoch seconds, millis, micros or nanos, by magnitude; a fraction is allowed on seconds. */
    public static long parseEpoch(byte[] b, int off, int len) {
        if (len == 0 || len > 25) return LogEvent.NO_TIME;
        int p = off;
        int end = off + len;
        long whole = 0;
        int wholeDigits = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            whole = whole * 10 + (b[p] - '0');
            wholeDigits++;
            p++;
        }
        if (wholeDigits == 0 || wholeDigits > 19) return LogEvent.NO_TIME;
        long frac = 0;
        if (p < end && b[p] == '.') {
            p++;
            long scale = 100_000_000L;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                frac += (b[p] - '0') * scale;
                scale /= 10;
                p++;
            }
        }
        if (p != end) return LogEvent.NO_TIME;
        return fromEpochNumber(whole, frac);
    }

    /** 1971-01-01T00:00:00Z: an epoch number before it is a clock that was never set or not a time (a count, an id). */
    static final long EARLIEST_EPOCH_NANOS = 31_536_000L * NANOS_PER_SECOND;
    /** 2200-01-01T00:00:00Z: an epoch number after it is not a time (a nanosecond count near the end of long is year 2262). */
    static final long LATEST_EPOCH_NANOS = 7_258_118_400L * NANOS_PER_SECOND;

    /**
     * Interprets an epoch number by magnitude: up to 1e11 seconds, 1e14 millis, 1e17 micros, else
     * nanos; {@link LogEvent#NO_TIME} when that falls outside 1971–2200 (the caller then keeps the value
     * and the event gets its observed time and {@code timestamp_missing}).
     */
    public static long fromEpochNumber(long whole, long fractionNanos) {
        if (whole < 0) return LogEvent.NO_TIME;
        long t;
        if (whole < 100_000_000_000L) t = whole * NANOS_PER_SECOND + fractionNanos;
        else if (whole < 100_000_000_000_000L) t = whole * 1_000_000L + fractionNanos / 1_000_000L;
        else if (whole < 100_000_000_000_000_000L) t = whole * 1_000L + fractionNanos / 1_000_000_000L;
        else t = whole;
        return t >= EARLIEST_EPOCH_NANOS && t < LATEST_EPOCH_NANOS ? t : LogEvent.NO_TIME;
    }

    /** Interprets a floating epoch number (JSON {@code 1700000000.5}) by magnitude. */
    public static long fromEpochDouble(double v) {
        if (!(v >= 0) || Double.isInfinite(v)) return LogEvent.NO_TIME;
        long whole = (long) v;
        long frac = (long) ((v - whole) * 1e9);
        return fromEpochNumber(whole, frac);
    }

    /**
     * An epoch number with a decimal fraction as written ({@code 1385053862.3072}), read from its
     * digits so the fraction keeps its exact value (a double turns .3072 into .307199954); a form
     * with an exponent goes through {@link #fromEpochDouble}.
     */
    public static long fromEpochDecimal(byte[] b, int off, int len) {
        long whole = 0;
        long frac = 0;
        long scale = 100_000_000L;
        int i = off;
        int end = off + len;
        for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
            if (whole > Long.MAX_VALUE / 10 - 10) return LogEvent.NO_TIME;
            whole = whole * 10 + (b[i] - '0');
        }
        if (i == off || i >= end || b[i] != '.') {
            return fromEpochDouble(Double.parseDouble(new String(b, off, len, java.nio.charset.StandardCharsets.US_ASCII)));
        }
        for (i++; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
            frac += (b[i] - '0') * scale;
            scale /= 10;
        }
        if (i != end) {
            return fromEpochDouble(Double.parseDouble(new String(b, off, len, java.nio.charset.StandardCharsets.US_ASCII)));
        }
        return fromEpochNumber(whole, frac);
    }

    private static int digits(byte[] b, int p, int n) {
        return digits(b, p, n, Integer.MAX_VALUE);
    }

    private static int digits(byte[] b, int p, int n, int end) {
        if (p + n > end || p + n > b.length) return -1;
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = b[p + i] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int daysInMonth(int year, int month) {
        switch (month) {
            case 2: return isLeap(year) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    public static long epochDay(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Writes {@code "yyyy-MM-ddTHH:mm:ss[.fff[fff[fff]]]Z"} (quoted) for epoch nanos. */
    public static void writeRfc3339(long epochNanos, JsonBytes out) {
        long secs = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int nanos = (int) (epochNanos - secs * NANOS_PER_SECOND); // floorMod's value, without its second division
        long days = Math.floorDiv(secs, 86400L);
        int secOfDay = (int) (secs - days * 86400L);
        int slot = (int) (days & (RECENT_DAYS.length - 1));
        DayText date = RECENT_DAYS[slot];
        if (date == null || date.day != days) {
            date = new DayText(days);
            RECENT_DAYS[slot] = date; // racy but safe: DayText is immutable, and a lost write is only a miss
        }
        // room for all of it at once ("yyyy-MM-ddT HH:mm:ss .fraction Z"): one bounds check, not one a piece
        byte[] o = out.room(date.text.length + 8 + 10 + 2);
        int p = out.length();
        System.arraycopy(date.text, 0, o, p, date.text.length);
        p += date.text.length;
        int h = secOfDay / 3600;
        int m = secOfDay / 60 % 60;
        int s = secOfDay % 60;
        o[p] = (byte) ('0' + h / 10);
        o[p + 1] = (byte) ('0' + h % 10);
        o[p + 2] = ':';
        o[p + 3] = (byte) ('0' + m / 10);
        o[p + 4] = (byte) ('0' + m % 10);
        o[p + 5] = ':';
        o[p + 6] = (byte) ('0' + s / 10);
        o[p + 7] = (byte) ('0' + s % 10);
        p += 8;
        if (nanos != 0) {
            o[p++] = '.';
            // milliseconds, microseconds or nanoseconds: the shortest of the three that is exact
            int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            int v = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
            p = JsonBytes.digits(o, p, v, digits);
        }
        o[p] = 'Z';
        o[p + 1] = '"';
        out.setLength(p + 2);
    }

    /**
     * A date written recently: events share their day (an event's own time and the time it was read
     * are two, mostly the same), and the calendar arithmetic of civil_from_days was a third of
     * formatting a time, so it runs once per day. Shared by all threads through {@link #RECENT_DAYS}:
     * immutable, so a thread sees a whole one or none.
     */
    private static final class DayText {
        final long day;
        /** {@code "yyyy-MM-ddT}: the opening quote and the separator come with it, one copy for all. */
        final byte[] text;

        DayText(long days) {
            day = days;
            // civil_from_days
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long doe = z - era * 146097;
            long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long y = yoe + era * 400;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            int d = (int) (doy - (153 * mp + 2) / 5 + 1);
            int m = (int) (mp < 10 ? mp + 3 : mp - 9);
            if (m <= 2) y++;
            JsonBytes b = new JsonBytes(16);
            b.raw((byte) '"').padded(y, 4).raw((byte) '-').padded(m, 2).raw((byte) '-').padded(d, 2).raw((byte) 'T');
            text = b.toByteArray();
        }
    }

    /** Direct-mapped by the day number: 16 consecutive days never evict each other. */
    private static final DayText[] RECENT_DAYS = new DayText[16];

    /** The RFC 3339 UTC text of epoch nanos, unquoted; for diagnostics and tests. */
    public static String format(long epochNanos) {
        JsonBytes b = new JsonBytes(40);
        writeRfc3339(epochNanos, b);
        String s = b.toString();
        return s.substring(1, s.length() - 1);
    }
}
