package io.sluice.inputs.syslog;

import io.sluice.api.json.Utf8StringCache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A strict RFC 5424 header parser on bytes (section 6): VERSION, TIMESTAMP (RFC 3339 with a required
 * offset, at most six fraction digits, converted to UTC), HOSTNAME, APP-NAME, PROCID, MSGID with
 * their length limits, STRUCTURED-DATA, then MSG. It records where each part is; it builds nothing.
 * One instance per worker.
 */
final class Rfc5424Parser {
    /** HOSTNAME, APP-NAME, PROCID, MSGID: their maximum lengths, in the order of {@link SyslogMessage#headerPart}. */
    private static final int[] HEADER_LIMITS = {255, 48, 128, 32};
    private static final String[] HEADER_NAMES = {"HOSTNAME", "APP-NAME", "PROCID", "MSGID"};

    private final StructuredData sd;

    Rfc5424Parser(StructuredData sd) {
        this.sd = sd;
    }

    /**
     * Parses from just after the PRI.
     *
     * @return null when the message is valid RFC 5424, else what is wrong with it
     */
    String parse(byte[] b, int p, int end, SyslogMessage m) {
        if (p >= end || b[p] < '1' || b[p] > '9') return "VERSION must be 1 to 999";
        int version = 0;
        int start = p;
        while (p < end && p - start < 3 && isDigit(b[p])) version = version * 10 + (b[p++] - '0');
        if (p >= end || b[p] != ' ') return "VERSION must be followed by a space";
        m.version = version;
        p++;
        if (p < end && b[p] == '-') {
            p++;
        } else {
            p = timestamp(b, p, end, m);
            if (p < 0) return "TIMESTAMP is not an RFC 3339 time with an offset";
        }
        if (p >= end || b[p] != ' ') return "TIMESTAMP must be followed by a space";
        p++;
        for (int part = 0; part < HEADER_LIMITS.length; part++) {
            p = field(b, p, end, HEADER_LIMITS[part]);
            if (p < 0) return "bad " + HEADER_NAMES[part];
            m.headerPart(part, fieldStart, fieldEnd, fieldHash);
        }
        m.headerHashed = true;
        if (p >= end) return "STRUCTURED-DATA is missing";
        if (b[p] == '-') {
            p++;
        } else if (b[p] == '[') {
            int sdEnd = sd.scan(b, p, end);
            if (sdEnd < 0) return "bad STRUCTURED-DATA";
            m.sdStart = p;
            m.sdEnd = sdEnd;
            p = sdEnd;
        } else {
            return "STRUCTURED-DATA must be '-' or start with '['";
        }
        if (p < end) {
            if (b[p] != ' ') return "STRUCTURED-DATA must be followed by a space";
            p++;
        }
        // MSG: a leading UTF-8 BOM only says the rest is UTF-8; it is not part of the text
        if (end - p >= 3 && b[p] == (byte) 0xEF && b[p + 1] == (byte) 0xBB && b[p + 2] == (byte) 0xBF) p += 3;
        m.msgStart = p;
        m.msgEnd = end;
        return null;
    }

    private int fieldStart;
    private int fieldEnd;
    private int fieldHash;

    /**
     * A header field: NILVALUE or 1..max printable US-ASCII characters, followed by a space. Sets
     * {@link #fieldStart} (-1 for NILVALUE), {@link #fieldEnd} and {@link #fieldHash}, the field's
     * {@link Utf8StringCache#hash}, made while scanning so that the decoder's cache does not read the
     * field a second time to hash it; returns the offset after the space.
     */
    private int field(byte[] b, int p, int end, int max) {
        int start = p;
        int h = 0;
        byte c;
        while (p < end && (c = b[p]) >= 33 && c <= 126) {
            h = Utf8StringCache.mix(h, c);
            p++;
        }
        int n = p - start;
        if (n == 0 || n > max || p >= end || b[p] != ' ') return -1;
        fieldStart = n == 1 && b[start] == '-' ? -1 : start;
        fieldEnd = p;
        fieldHash = h;
        return p + 1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /*
     * The minute of the last timestamp: its text "yyyy-MM-ddTHH:mm" as two little-endian longs and its
     * epoch second (the minute's start, wall clock, before the offset). Messages come in time order, so
     * most share the minute of the one before: two compares then replace reading and checking twelve
     * digits and the calendar arithmetic. Only a minute that was valid is remembered.
     */
    private boolean minuteKnown;
    private long minuteText0;
    private long minuteText1;
    private long minuteEpochSecond;

    /** FULL-DATE "T" FULL-TIME; stores the UTC nanos; returns the offset after it or -1. */
    private int timestamp(byte[] b, int p, int end, SyslogMessage m) {
        if (end - p < 20) return -1;
        long text0 = (long) LONGS.get(b, p);
        long text1 = (long) LONGS.get(b, p + 8);
        long minuteStart;
        if (text0 == minuteText0 && text1 == minuteText1 && minuteKnown) {
            minuteStart = minuteEpochSecond;
        } else {
            minuteStart = minute(b, p);
            if (minuteStart == Long.MIN_VALUE) return -1;
            minuteText0 = text0;
            minuteText1 = text1;
            minuteEpochSecond = minuteStart;
            minuteKnown = true;
        }
        int second = digits(b, p + 17, 2);
        if (b[p + 16] != ':' || second < 0 || second > 60) return -1;
        if (second == 60) second = 59; // a leap second stays inside its minute
        p += 19;
        long nanos = 0;
        if (b[p] == '.') {
            int start = ++p;
            long scale = 100_000_000L;
            while (p < end && isDigit(b[p])) {
                nanos += (b[p++] - '0') * scale;
                scale /= 10;
            }
            if (p == start || p - start > 6 || p >= end) return -1;
        }
        long offsetSeconds;
        if (b[p] == 'Z') {
            offsetSeconds = 0;
            p++;
        } else if (b[p] == '+' || b[p] == '-') {
            if (end - p < 6) return -1;
            int oh = digits(b, p + 1, 2);
            int om = digits(b, p + 4, 2);
            if (oh < 0 || oh > 23 || b[p + 3] != ':' || om < 0 || om > 59) return -1;
            offsetSeconds = (oh * 3600L + om * 60L) * (b[p] == '+' ? 1 : -1);
            p += 6;
        } else {
            return -1;
        }
        long epochSecond = minuteStart + second - offsetSeconds;
        m.timeNanos = epochSecond * 1_000_000_000L + nanos;
        return p;
    }

    /** The epoch second (as if UTC) of the minute {@code yyyy-MM-ddTHH:mm} at {@code p}, or Long.MIN_VALUE when it is not one. */
    private static long minute(byte[] b, int p) {
        int year = digits(b, p, 4);
        int month = digits(b, p + 5, 2);
        int day = digits(b, p + 8, 2);
        int hour = digits(b, p + 11, 2);
        int minute = digits(b, p + 14, 2);
        if (year < 0 || b[p + 4] != '-' || month < 1 || month > 12 || b[p + 7] != '-' || day < 1
                || day > CivilTime.daysInMonth(year, month) || b[p + 10] != 'T' || hour < 0 || hour > 23
                || b[p + 13] != ':' || minute < 0 || minute > 59) {
            return Long.MIN_VALUE;
        }
        return CivilTime.epochSecond(year, month, day, hour, minute, 0, null);
    }

    static int digits(byte[] b, int p, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            byte c = b[p + i];
            if (!isDigit(c)) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
