package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.Timestamps;

import java.time.ZoneId;

/**
 * RFC 3164 ("BSD syslog") as devices and daemons really send it, on bytes:
 * {@code <PRI>Mmm dd hh:mm:ss host tag[pid]: msg}, with
 * <ul>
 *   <li>a space-padded or unpadded day, a month in any case, an optional year before or after the
 *       time, an optional fraction of a second (syslog-ng's {@code frac-digits()}), an optional colon after the timestamp, and no year at all (the year nearest the
 *       observed time is taken, in the configured zone);</li>
 *   <li>an RFC 3339 timestamp instead (rsyslog's forwarding format), with the zone used when it has
 *       no offset;</li>
 *   <li>no hostname (the first word is already a tag), and no timestamp when a tag follows PRI;</li>
 *   <li>a TAG when the first word of the content is {@code name:}, {@code name[pid]:} or
 *       {@code name[pid]} (as go-syslog and syslog-ng read it); exactly one space after the colon is
 *       removed;</li>
 *   <li>a TAG without colon, {@code name}, when a relay wrote the header: after an RFC 3339 timestamp
 *       (rsyslog's {@code RSYSLOG_ForwardFormat}, syslog-ng's {@code $ISODATE $HOST $MSGHDR$MSG}) or
 *       always with {@code firstWordTag} (rsyslog's reading, for {@code RSYSLOG_TraditionalForwardFormat},
 *       which writes the tag of a message that had none without colon). Such a word holds no
 *       {@code {}[]"'=,} so a JSON or bracketed message is never taken for a tag.</li>
 * </ul>
 * Text after PRI that has neither a timestamp nor a tag is not taken as syslog. One per worker.
 */
final class Rfc3164Parser {
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
    private static final int MAX_TAG = 255;
    /** RFC 5424's APP-NAME limit: a longer word without colon is text, not a tag. */
    private static final int MAX_BARE_TAG = 48;

    private final boolean firstWordTag;
    private final long[] rfc3339 = new long[2];
    private int tagEnd;
    private int pidStart;
    private int pidEnd;
    /** Where the content after the tag starts (after its colon and one space, or after the space). */
    private int afterTag;

    /** @param firstWordTag the first word after HOSTNAME is the TAG even without colon (rsyslog's reading) */
    Rfc3164Parser(boolean firstWordTag) {
        this.firstWordTag = firstWordTag;
    }

    /** Parses from just after the PRI; returns null when valid, else what is wrong. */
    String parse(byte[] b, int p, int end, SyslogMessage m, ZoneId zone, long observedNanos) {
        if (p < end && b[p] == ' ') p++;
        boolean isoTime = p < end && Rfc5424Parser.isDigit(b[p]);
        int afterTime = timestamp(b, p, end, m, zone, observedNanos);
        boolean hasTime = afterTime >= 0;
        boolean hasTag;
        if (hasTime) {
            p = afterTime;
            if (p < end) {
                if (b[p] != ' ') return "TIMESTAMP must be followed by a space";
                p++;
            }
            hasTag = p < end && tag(b, p, end);
            if (p < end && !hasTag) {
                int wordEnd = p;
                while (wordEnd < end && b[wordEnd] != ' ') wordEnd++;
                if (!plausibleHost(b, p, wordEnd)) return "bad HOSTNAME";
                m.hostStart = p;
                m.hostEnd = wordEnd;
                p = wordEnd < end ? wordEnd + 1 : wordEnd;
                hasTag = p < end && (tag(b, p, end) || (firstWordTag || isoTime) && bareTag(b, p, end));
            }
        } else {
            hasTag = p < end && tag(b, p, end);
        }
        if (hasTag) {
            m.appStart = p;
            m.appEnd = pidStart >= 0 ? pidStart - 1 : tagEnd;
            if (pidStart >= 0) {
                m.procStart = pidStart;
                m.procEnd = pidEnd;
            }
            p = afterTag;
        } else if (!hasTime) {
            return "no TIMESTAMP and no TAG after PRI";
        }
        m.msgStart = p;
        m.msgEnd = end;
        return null;
    }

    /**
     * True when the word at {@code p} is a TAG: {@code name:}, {@code name[pid]:} or {@code name[pid]}
     * followed by a space or the end. Sets {@link #tagEnd} (the offset of the name's end),
     * {@link #pidStart} and {@link #pidEnd} (-1 when no pid) and {@link #afterTag}.
     */
    private boolean tag(byte[] b, int p, int end) {
        if (b[p] == '{') return false; // a JSON message ({"a":1}) has a colon too
        int q = p;
        while (q < end && q - p <= MAX_TAG && b[q] != ':' && b[q] != '[' && b[q] != ' ') q++;
        if (q == p || q >= end || q - p > MAX_TAG) return false;
        if (b[q] == ':') {
            tagEnd = q;
            pidStart = -1;
            afterTag = skipOneSpace(b, q + 1, end);
            return true;
        }
        if (b[q] != '[') return false;
        int pid = q + 1;
        int r = pid;
        while (r < end && r - pid <= MAX_TAG && b[r] != ']' && b[r] != ' ') r++;
        if (r >= end || b[r] != ']' || r == pid) return false;
        if (r + 1 < end && b[r + 1] == ':') {
            afterTag = skipOneSpace(b, r + 2, end);
        } else if (r + 1 == end || b[r + 1] == ' ') {
            afterTag = Math.min(r + 2, end); // "name[pid] msg": a relay's tag without colon
        } else {
            return false;
        }
        pidStart = pid;
        pidEnd = r;
        tagEnd = r + 1;
        return true;
    }

    /**
     * A TAG without colon or pid: a word of at most {@link #MAX_BARE_TAG} bytes of printable ASCII
     * with none of {@code {}[]"'=,:}. Sets the same fields as {@link #tag}.
     */
    private boolean bareTag(byte[] b, int p, int end) {
        int q = p;
        while (q < end && b[q] != ' ') {
            byte c = b[q];
            if (c <= ' ' || c >= 127 || c == '{' || c == '}' || c == '[' || c == ']' || c == '"' || c == '\''
                    || c == '=' || c == ',' || c == ':' || q - p >= MAX_BARE_TAG) {
                return false;
            }
            q++;
        }
        if (q == p) return false;
        tagEnd = q;
        pidStart = -1;
        afterTag = Math.min(q + 1, end);
        return true;
    }

    private static int skipOneSpace(byte[] b, int p, int end) {
        return p < end && b[p] == ' ' ? p + 1 : p;
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

    /** {@code Mmm dd [yyyy] hh:mm:ss[.fraction] [yyyy][:]}. */
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
        long fraction = 0;
        if (q + 1 < end && b[q] == '.' && Rfc5424Parser.isDigit(b[q + 1])) {
            // syslog-ng with frac-digits(): "Dec  2 17:14:33.123679"
            long scale = 100_000_000L;
            q++;
            for (int start = q; q < end && q - start < 9 && Rfc5424Parser.isDigit(b[q]); q++) {
                fraction += (b[q] - '0') * scale;
                scale /= 10;
            }
            if (q < end && Rfc5424Parser.isDigit(b[q])) return -1;
        }
        if (year < 0 && end - q >= 5 && b[q] == ' ' && year4(b, q + 1) >= 0 && (end - q == 5 || b[q + 5] == ' ')) {
            year = year4(b, q + 1); // "Apr 15 21:28:13 2007 host" (some devices put the year after the time)
            q += 5;
        }
        if (q < end && b[q] == ':') q++;
        if (year >= 0) {
            if (day > CivilTime.daysInMonth(year, month)) return -1;
            m.timeNanos = CivilTime.epochSecond(year, month, day, hour, minute, second, zone) * 1_000_000_000L + fraction;
        } else {
            m.timeNanos = CivilTime.nearestYear(month, day, hour, minute, second, zone, observedNanos);
            if (m.timeNanos == LogEvent.NO_TIME) return -1;
            m.timeNanos += fraction;
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
