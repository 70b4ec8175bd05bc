package io.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The fixed data shapes of the performance scenarios (issue "Performance"), generated from a seed so
 * every run and every machine sends the same bytes.
 */
public final class Data {
    private static final String[] MESSAGES = {
        "order placed", "payment authorized", "cart updated", "inventory reserved", "shipping label created",
        "user session refreshed", "coupon applied", "checkout started"};

    private Data() {}

    /** S1: a JSON application-log line of about 220 bytes. */
    public static String jsonLine(long n, Random r) {
        return "{\"ts\":\"2026-11-25T10:" + two(n / 60 % 60) + ":" + two(n % 60) + "." + three(n % 1000) + "Z\","
                + "\"level\":\"" + (n % 50 == 0 ? "error" : n % 10 == 0 ? "warn" : "info") + "\","
                + "\"service\":\"checkout\",\"msg\":\"" + MESSAGES[(int) (n % MESSAGES.length)] + " for order " + (1_000_000 + n) + "\","
                + "\"trace_id\":\"" + hex(r, 32) + "\",\"user_id\":" + (n * 7919 % 100_000) + ",\"region\":\"eu-west-1\",\"latency_ms\":" + (n % 997) + "}";
    }

    /**
     * Not a scenario of the issue: S1 with a request-log message of about 190 bytes with escaped
     * quotes, for changes whose cost grows with the message (the message is copied as escaped bytes).
     */
    public static String jsonLineLongMessage(long n, Random r) {
        String msg = "GET /api/v1/orders/" + (1_000_000 + n) + " completed with status 200 after the call to "
                + "\\\"payments\\\" took " + (n % 997) + " ms; user agent Mozilla/5.0 (X11; Linux x86_64), "
                + MESSAGES[(int) (n % MESSAGES.length)] + ", retries 0, cache miss";
        return jsonLine(n, r).replaceFirst("\"msg\":\"[^\"]*\"", java.util.regex.Matcher.quoteReplacement("\"msg\":\"" + msg + "\""));
    }

    /** Not a scenario of the issue: S1's record as a logfmt line (logrus, slog's TextHandler), for {@code format: logfmt}. */
    public static String logfmtLine(long n, Random r) {
        return "ts=2026-11-25T10:" + two(n / 60 % 60) + ":" + two(n % 60) + "." + three(n % 1000) + "Z"
                + " level=" + (n % 50 == 0 ? "error" : n % 10 == 0 ? "warn" : "info")
                + " service=checkout msg=\"" + MESSAGES[(int) (n % MESSAGES.length)] + " for order " + (1_000_000 + n) + "\""
                + " trace_id=" + hex(r, 32) + " user_id=" + (n * 7919 % 100_000) + " region=eu-west-1 latency_ms=" + (n % 997);
    }

    /** S2: a Docker json-file line wrapping an S1-like app line (about 220 bytes in all). */
    public static String dockerLine(long n, Random r) {
        String app = "level=info service=checkout msg=\\\"" + MESSAGES[(int) (n % MESSAGES.length)] + " " + (1_000_000 + n)
                + "\\\" trace_id=" + hex(r, 32) + " user_id=" + (n * 7919 % 100_000) + " region=eu-west-1 latency_ms=" + (n % 997);
        return "{\"log\":\"" + app + "\\n\",\"stream\":\"" + (n % 20 == 0 ? "stderr" : "stdout")
                + "\",\"time\":\"2026-11-25T10:" + two(n / 60 % 60) + ":" + two(n % 60) + "." + three(n % 1000) + "123456Z\"}";
    }

    /** S3: an RFC 5424 message with structured data, about 185 bytes. */
    public static String syslogLine(long n, Random r) {
        return "<" + (16 * 8 + (int) (n % 8)) + ">1 2026-11-25T10:" + two(n / 60 % 60) + ":" + two(n % 60) + "." + three(n % 1000)
                + "Z web-" + (n % 16) + " checkout " + (1000 + n % 5000) + " ORD [meta@32473 order=\"" + (1_000_000 + n)
                + "\" region=\"eu-west-1\"] " + MESSAGES[(int) (n % MESSAGES.length)] + " for user " + (n * 7919 % 100_000);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    private static String three(long v) {
        return v < 10 ? "00" + v : v < 100 ? "0" + v : Long.toString(v);
    }

    private static String hex(Random r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = "0123456789abcdef".charAt(r.nextInt(16));
        return new String(c);
    }
}
