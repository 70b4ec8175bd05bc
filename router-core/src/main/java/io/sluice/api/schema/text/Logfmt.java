package io.sluice.api.schema.text;

import io.sluice.api.event.Attributes;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Levels;
import io.sluice.api.schema.Timestamps;

/**
 * logfmt ({@code key=value key2="quoted value"}), as written by Go's logrus text formatter, go-kit,
 * Heroku and {@code log/slog}'s TextHandler. Well-known keys fill schema fields; the rest are kept as
 * strings under {@code attributes}. Also reads the {@code key="v"} pairs klog puts after its message.
 */
public final class Logfmt implements TextLayout {
    private final DecodeOptions options;
    private final StringBuilder value = new StringBuilder();

    public Logfmt(DecodeOptions options) {
        this.options = options;
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (!looksLikePairs(b, off, end)) return false;
        boolean sawMessage = pairs(b, off, end, event);
        if (!sawMessage) event.message(Scan.text(b, off, end));
        return true;
    }

    /** The first token is {@code key=}: the cheap check before any field is written. */
    private static boolean looksLikePairs(byte[] b, int p, int end) {
        p = Scan.skipSpaces(b, p, end);
        int start = p;
        while (p < end && isKeyByte(b[p])) p++;
        return p > start && p < end && b[p] == '=';
    }

    /** Reads {@code key=value} pairs from {@code p} to {@code end} into the event; true when one was the message. */
    boolean pairs(byte[] b, int p, int end, LogEvent event) {
        boolean sawMessage = false;
        while (true) {
            p = Scan.skipSpaces(b, p, end);
            if (p >= end) return sawMessage;
            int keyStart = p;
            while (p < end && isKeyByte(b[p])) p++;
            String key = Scan.text(b, keyStart, p);
            String v;
            if (p < end && b[p] == '=') {
                p = readValue(b, p + 1, end);
                v = value.toString();
            } else {
                if (p == keyStart) p++; // a stray byte: skip it
                v = "true"; // logfmt: a bare key is a boolean flag
            }
            if (key.isEmpty()) continue;
            sawMessage |= apply(key, v, event);
        }
    }

    /** Reads the value at {@code p} (quoted or bare) into {@link #value}; returns where it ends. */
    private int readValue(byte[] b, int p, int end) {
        value.setLength(0);
        if (p < end && b[p] == '"') {
            int q = Scan.closingQuote(b, p, end);
            value.append(Scan.unquote(b, p + 1, q));
            return Math.min(q + 1, end);
        }
        int q = Scan.wordEnd(b, p, end);
        value.append(Scan.text(b, p, q));
        return q;
    }

    private boolean apply(String key, String v, LogEvent event) {
        switch (key) {
            case "msg", "message" -> {
                event.message(v);
                return true;
            }
            case "level", "lvl", "severity" -> {
                Level l = Levels.fromWord(v);
                if (l != null) event.level(l);
                else attr(event, key, v);
            }
            case "time", "ts", "timestamp", "t" -> {
                long t = Timestamps.parse(v, options.zone());
                if (t != LogEvent.NO_TIME) event.timestampNanos(t);
                else attr(event, key, v);
            }
            case "logger", "component" -> event.logger(v);
            case "caller", "source" -> caller(v, event);
            case "trace_id", "traceID", "traceId" -> event.traceId(v);
            case "span_id", "spanID", "spanId" -> event.spanId(v);
            case "err", "error" -> event.errorMessage(v);
            case "service" -> event.serviceName(v);
            case "pid" -> {
                try {
                    event.pid(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    attr(event, key, v);
                }
            }
            default -> attr(event, key, v);
        }
        return false;
    }

    /** {@code file.go:42}: origin file and line. */
    private static void caller(String v, LogEvent event) {
        int colon = v.lastIndexOf(':');
        if (colon > 0) {
            try {
                event.originLine(Long.parseLong(v.substring(colon + 1)));
                event.originFile(v.substring(0, colon));
                return;
            } catch (NumberFormatException ignored) {
                // not file:line; keep it whole
            }
        }
        event.originFile(v);
    }

    private static void attr(LogEvent event, String key, String v) {
        Attributes a = event.attributes();
        if (a == null) {
            a = new Attributes();
            event.attributes(a);
        }
        a.putString(key, v);
    }

    /**
     * Any byte above the space but {@code =} and {@code "}, as go-logfmt's decoder reads a key: bytes of
     * UTF-8 sequences (negative as Java bytes) included, so {@code café=1} is a pair, not dropped.
     */
    private static boolean isKeyByte(byte c) {
        return (c > ' ' || c < 0) && c != '=' && c != '"';
    }
}
