package io.sluice.inputs.syslog;

import io.sluice.api.warmup.SampleRecords;
import io.sluice.api.warmup.SampleRecords.Layout;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Syslog messages as relays and libraries send them, for the JIT warm-up ({@link SyslogInput#warmUpRecords}). */
final class SyslogSamples {
    private static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** RFC 5424 with and without structured data, and RFC 3164 with a tag and pid. */
    static final List<byte[]> RECORDS = SampleRecords.of(List.<Layout>of(
            v -> "<" + (128 + v.number(8)) + ">1 " + v.rfc3339() + " node-" + v.number(60) + ".prod.example.net "
                    + v.service() + " " + v.number(30000) + " ID" + v.number(99) + " [exampleSDID@32473 iut=\"" + v.number(9)
                    + "\" eventSource=\"Application\" eventID=\"" + v.number(5000) + "\"] " + v.message(),
            v -> "<" + (128 + v.number(8)) + ">1 " + v.rfc3339() + " app-" + v.number(9) + " " + v.service() + " "
                    + v.number(30000) + " - [origin ip=\"10.0.0." + v.number(255) + "\"][meta sequenceId=\"" + v.number(99999)
                    + "\"][trace trace_id=\"" + v.hex(32) + "\"] " + v.message(),
            v -> "<" + (8 + v.number(184)) + ">1 " + v.rfc3339() + " web-" + v.number(9) + " " + v.service() + " - - - "
                    + v.message(),
            v -> "<" + (8 + v.number(184)) + ">" + BSD.format(v.time()) + " host-" + v.number(9) + " " + v.service()
                    + "[" + v.number(30000) + "]: " + v.message()));

    private SyslogSamples() {
    }
}
