package io.sluice.inputs.syslog;

import java.time.ZoneId;

/**
 * Finds the parts of one syslog message: PRI, then RFC 5424 (a 1–3 digit VERSION and a space after
 * PRI, parsed strictly) or RFC 3164. Shared by the decoder and the multiline envelope so both read a
 * message the same way. One per thread; {@link #message} holds the last result.
 */
final class SyslogParser {
    final SyslogMessage message = new SyslogMessage();
    final StructuredData structuredData = new StructuredData();
    private final Rfc5424Parser rfc5424 = new Rfc5424Parser(structuredData);
    private final Rfc3164Parser rfc3164;

    /** @param firstWordTag an RFC 3164 message's first word after HOSTNAME is its TAG even without colon */
    SyslogParser(boolean firstWordTag) {
        this.rfc3164 = new Rfc3164Parser(firstWordTag);
    }

    /** Parses {@code b[off, end)}; returns null when it is syslog, else what is wrong (a valid PRI is kept). */
    String parse(byte[] b, int off, int end, ZoneId zone, long observedNanos) {
        SyslogMessage m = message;
        m.reset();
        int p = pri(b, off, end, m);
        if (p < 0) return "no <PRI> at the start";
        return looksLike5424(b, p, end) ? rfc5424.parse(b, p, end, m) : rfc3164.parse(b, p, end, m, zone, observedNanos);
    }

    /** The end of {@code b[off, end)} without trailing line feeds, CRs or NULs: a trailer some senders count in, not text. */
    static int trimTrailer(byte[] b, int off, int end) {
        while (end > off && (b[end - 1] == '\n' || b[end - 1] == '\r' || b[end - 1] == 0)) end--;
        return end;
    }

    /** {@code <N>} with N in 0..191 and no leading zero, into {@code m}; returns the offset after it, or -1. */
    private static int pri(byte[] b, int p, int end, SyslogMessage m) {
        if (p >= end || b[p] != '<') return -1;
        int q = p + 1;
        int v = 0;
        while (q < end && q - p <= 3 && Rfc5424Parser.isDigit(b[q])) v = v * 10 + (b[q++] - '0');
        int digits = q - p - 1;
        if (digits == 0 || digits > 3 || q >= end || b[q] != '>' || v > 191 || (digits > 1 && b[p + 1] == '0')) return -1;
        m.facility = v >> 3;
        m.severity = v & 7;
        return q + 1;
    }

    private static boolean looksLike5424(byte[] b, int p, int end) {
        int q = p;
        while (q < end && q - p < 4 && Rfc5424Parser.isDigit(b[q])) q++;
        int n = q - p;
        return n >= 1 && n <= 3 && q < end && b[q] == ' ';
    }
}
