package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.Timestamps;

import java.time.ZoneId;

/**
 * RFC 3164 ("BSD syslog") as devices and daemons really send it, on bytes:
 * {@code <PRI>Mmm dd hh:mm:ss host tag[pid]: msg}, with
 * <ul>
 *   <li>a space-padded or unpadded day, a month in any case, an optional year before or after the
 *       time, an optional colon after the timestamp, and no year at all (the year nearest the
 *       observed time is taken, in the configured zone);</li>
 *   <li>an RFC 3339 timestamp instead (rsyslog's forwarding format), with the zone used when it has
 *       no offset;</li>
 *   <li>no hostname (the first word is already a tag), and no timestamp when a tag follows PRI;</li>
 *   <li>a TAG only when the first word of the content is {@code name:} or {@code name[pid]:} (as
 *       go-syslog and syslog-ng read it); exactly one space after the colon is removed.</li>
 * </ul>
 * Text after PRI that has neither a timestamp nor a tag is not taken as syslog. One per worker.
 */
final class Rfc3164Parser {
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
    private static final int MAX_TAG = 255;

    private final long[] rfc3339 = new long[2];
    private int tagEnd;
    private int pidStart;
    private int pidEnd;

    /** Parses from just after the PRI; returns null when valid, else what is wrong. */
    String parse(byte[] b, int p, int end, SyslogMessage m, ZoneId zone, long observedNanos) {
        if (p < end && b[p] == ' ') p++;
        int afterTime = timestamp(b, p, end, m, zone, observedNanos);
        boolean hasTime = afterTime >= 0;
        if (hasTime) {
            p = afterTime;
            if (p < end) {
                if (b[p] != ' ') return "TIMESTAMP must be followed by a space";
                p++;
            }
            if (p < end && !tag(b, p, end)) {
                int wordEnd = p;
                while (wordEnd < end && b[wordEnd] != ' ') wordEnd++;
                if (!plausibleHost(b, p, wordEnd)) return "bad HOSTNAME";
                m.hostStart = p;
                m.hostEnd = wordEnd;
                p = wordEnd < end ? wordEnd + 1 : wordEnd;
            }
        }
        if (p < end && tag(b, p, end)) {
            m.appStart = p;
            m.appEnd = pidStart >= 0 ? pidStart - 1 : tagEnd;
            if (pidStart >= 0) {
                m.procStart = pidStart;
                m.procEnd = pidEnd;
            }
            p = tagEnd + 1; // the colon
            if (pidStart >= 0) p = pidEnd + 2; // "]:"
            if (p < end && b[p] == ' ') p++;
        } else if (!hasTime) {
            return "no TIMESTAMP and no TAG after PRI";
        }
        m.msgStart = p;
        m.msgEnd = end;
        return null;
    }

    /**
     * True when the word at {@code p} is a TAG: {@code name:} or {@code name[pid]:}. Sets
     * {@link #tagEnd} (the offset of the name's end), {@link #pidStart} and {@link #pidEnd} (-1 when no pid).
     */
    private boolean tag(byte[] b, int p, int end) {
        int q = p;
        while (q < end && q - p <= MAX_TAG && b[q] != ':' && b[q] != '[' && b[q] != ' ') q++;
        if (q == p || q >= end || q - p > MAX_TAG) return false;
        if (b[q] == ':') {
            tagEnd = q;
            pidStart = -1;
            return true;
        }
        if (b[q] != '[') return false;
        int pid = q + 1;
        int r = pid;
        while (r < end && r - pid <= MAX_TAG && b[r] != ']' && b[r] != ' ') r++;
        if (r + 1 >= end || b[r] != ']' || b[r + 1] != ':' || r == pid) return false;
        pidStart = pid;
        pidEnd = r;
        tagEnd = r + 1;
        return true;
    }

    /** A hostname has at least one letter or digit ("-" alone is not one). */
    private static boolean plausibleHost(byte[] b, int p, int end) {
        for (int i = p; i < end; i++) {
            byte c = b[i];
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c < 0) return true;
        }
        return false;
    }

    /** A BSD or RFC 3339 timestamp at {@code p}; sets the time and returns the offset after it, or -1. */
    private int timestamp(byte[] b, int p, int end, SyslogMessage m, ZoneId zone, long observedNanos) {
        if (p < end && Rfc5424Parser.isDigit(b[p])) {
            if (!Timestamps.parsePrefix(b, p, end - p, zone, rfc3339)) return -1;
            m.timeNanos = rfc3339[0];
            return p + (int) rfc3339[1];
        }
        return bsdTimestamp(b, p, end, m, zone, observedNanos);
    }

    /** {@code Mmm dd [yyyy] hh:mm:ss [yyyy][:]}. */
    private static int bsdTimestamp(byte[] b, int p, int end, SyslogMessage m, ZoneId zone, long observedNanos) {
        if (end - p < 14) return -1;
        int month = month(b, p);
        if (month < 0 || b[p + 3] != ' ') return -1;
        int q = p + 4;
        if (b[q] == ' ') q++; // space-padded day
        int day = 0;
        int dayStart = q;
        while (q < end && q - dayStart < 2 && Rfc5424Parser.isDigit(b[q])) day = day * 10 + (b[q++] - '0');
        if (q == dayStart || day < 1 || day > 31 || q >= end || b[q] != ' ') return -1;
        q++;
        int year = -1;
        if (end - q >= 5 && year4(b, q) >= 0 && b[q + 4] == ' ') {
            year = year4(b, q);
            q += 5;
        }
        if (end - q < 8) return -1;
        int hour = Rfc5424Parser.digits(b, q, 2);
        int minute = Rfc5424Parser.digits(b, q + 3, 2);
        int second = Rfc5424Parser.digits(b, q + 6, 2);
        if (hour < 0 || hour > 23 || b[q + 2] != ':' || minute < 0 || minute > 59 || b[q + 5] != ':'
                || second < 0 || second > 60) {
            return -1;
        }
        if (second == 60) second = 59;
        q += 8;
        if (year < 0 && end - q >= 5 && b[q] == ' ' && year4(b, q + 1) >= 0 && (end - q == 5 || b[q + 5] == ' ')) {
            year = year4(b, q + 1); // "Apr 15 21:28:13 2007 host" (some devices put the year after the time)
            q += 5;
        }
        if (q < end && b[q] == ':') q++;
        if (year >= 0) {
            if (day > CivilTime.daysInMonth(year, month)) return -1;
            m.timeNanos = CivilTime.epochSecond(year, month, day, hour, minute, second, zone) * 1_000_000_000L;
        } else {
            m.timeNanos = CivilTime.nearestYear(month, day, hour, minute, second, zone, observedNanos);
            if (m.timeNanos == LogEvent.NO_TIME) return -1;
        }
        return q;
    }

    private static int year4(byte[] b, int p) {
        int y = Rfc5424Parser.digits(b, p, 4);
        return y >= 1970 && y <= 2200 ? y : -1;
    }

    /** 1-12 for a three-letter English month name in any case, else -1. */
    private static int month(byte[] b, int p) {
        int c0 = b[p] | 0x20;
        int c1 = b[p + 1] | 0x20;
        int c2 = b[p + 2] | 0x20;
        for (int i = 0; i < 12; i++) {
            if (MONTHS.charAt(i * 3) == c0 && MONTHS.charAt(i * 3 + 1) == c1 && MONTHS.charAt(i * 3 + 2) == c2) return i + 1;
        }
        return -1;
    }
}
