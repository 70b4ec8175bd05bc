package io.sluice.api.schema.text;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Levels;
import io.sluice.api.schema.TextRecordDecoder;
import io.sluice.api.schema.Timestamps;

/**
 * logfmt ({@code key=value key2="quoted value"}), as written by Go's logrus text formatter, go-kit,
 * Heroku and {@code log/slog}'s TextHandler. Well-known keys fill schema fields; the rest are kept as
 * strings under {@code attributes}. Also reads the {@code key="v"} pairs klog puts after its message.
 */
public final class Logfmt implements TextLayout {
    private final DecodeOptions options;
    /** The value {@link #readValue} read last: one string per pair, made straight from the record's bytes. */
    private String value;
    /** The schema fields the current line's pairs have filled: one bit each. */
    private int taken;
    private static final int MESSAGE = 1, LEVEL = 1 << 1, TIME = 1 << 2, LOGGER = 1 << 3, ORIGIN = 1 << 4,
            TRACE = 1 << 5, SPAN = 1 << 6, ERROR = 1 << 7, SERVICE = 1 << 8, PID = 1 << 9, FUNCTION = 1 << 10;

    public Logfmt(DecodeOptions options) {
        this.options = options;
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (!looksLikePairs(b, off, end)) return false;
        boolean sawMessage = pairs(b, off, off, end, event, false);
        if (!sawMessage) event.message(Scan.text(b, off, end));
        return true;
    }

    /**
     * The first pair as Go's libraries write it, which {@code auto} takes for logfmt: logrus' text formatter
     * ({@code time="2026-12-04T19:04:15Z" level=info ...}), slog's TextHandler ({@code time=2026-...}),
     * go-kit ({@code ts=2026-...}, or {@code level=info ts=...} with its level package): {@code time=} or
     * {@code ts=} and a digit (quoted or not), or {@code level=} and a level word and a space. Prose does
     * not start so; a few byte compares, and a map lookup for a level.
     */
    static boolean startsLikeGo(byte[] b, int off, int end) {
        int p;
        if (Scan.startsWith(b, off, end, "time=")) p = off + 5;
        else if (Scan.startsWith(b, off, end, "ts=")) p = off + 3;
        else if (Scan.startsWith(b, off, end, "level=")) {
            int w = Scan.wordEnd(b, off + 6, end);
            return w < end && w - off - 6 <= 7 && Levels.fromTextWord(Scan.text(b, off + 6, w)) != null;
        } else return false;
        if (p < end && b[p] == '"') p++;
        return p < end && Scan.isDigit(b[p]);
    }

    /**
     * Where the run of {@code key=value} tokens that ends the text {@code [p, end)} starts, or -1: the
     * fields Go's console writers (zerolog, hclog) put after a message, which may itself hold a
     * {@code key=} word. One pass over the tokens (space-separated; a quoted value runs to its closing
     * quote); a token that is no pair ends the run so far.
     */
    static int trailingPairs(byte[] b, int p, int end) {
        int run = -1;
        while (p < end) {
            if (b[p] == ' ') {
                p++;
                continue;
            }
            int token = p;
            while (p < end && isKeyByte(b[p])) p++;
            boolean pair = p > token && p < end && b[p] == '=';
            if (pair && p + 1 < end && b[p + 1] == '"') {
                p = Scan.closingQuote(b, p + 1, end) + 1;
                pair = p <= end && (p == end || b[p] == ' ');
            }
            while (p < end && b[p] != ' ') p++; // a bare value may hold quotes: zerolog's stack=[{"func":...}]
            if (!pair) run = -1;
            else if (run < 0) run = token;
        }
        return run;
    }

    /** The first token is {@code key=}: the cheap check before any field is written. */
    static boolean looksLikePairs(byte[] b, int p, int end) {
        p = Scan.skipSpaces(b, p, end);
        int start = p;
        while (p < end && isKeyByte(b[p])) p++;
        return p > start && p < end && b[p] == '=';
    }

    /**
     * Reads {@code key=value} pairs from {@code p} to {@code end} into the event; true when the message is
     * set ({@code hasMessage}: the caller set it, so a {@code msg} pair goes to attributes). A fragment
     * that starts no pair (a value without a key, {@code =1}; a quoted string or a control byte where a key
     * should start) is stepped over, so the pairs after it are still read, and the event keeps the line
     * from {@code line} in {@code event.original}, tagged {@code parse_failed}: the fragment is not lost
     * without a trace. A well-formed line never takes that branch.
     */
    boolean pairs(byte[] b, int line, int p, int end, LogEvent event, boolean hasMessage) {
        taken = hasMessage ? MESSAGE : 0;
        int unread = -1;
        while (true) {
            p = Scan.skipSpaces(b, p, end);
            if (p >= end) break;
            int keyStart = p;
            while (p < end && isKeyByte(b[p])) p++;
            if (p == keyStart) {
                if (unread < 0) unread = p;
                p = skipFragment(b, p, end);
                continue;
            }
            String key = Scan.text(b, keyStart, p);
            String v;
            if (p < end && b[p] == '=') {
                p = readValue(b, p + 1, end);
                v = value;
            } else {
                v = "true"; // logfmt: a bare key is a boolean flag
            }
            apply(key, v, event);
        }
        if (unread >= 0) {
            if (event.original() == null) event.original(Scan.text(b, line, end));
            TextRecordDecoder.markUnparsed(event, options,
                    "logfmt: byte " + (unread - line + 1) + " starts no key=value pair");
        }
        return (taken & MESSAGE) != 0;
    }

    /** Past a fragment that starts no pair: a keyless value ({@code =v}, {@code ="v w"}), a quoted string, or one byte. */
    private int skipFragment(byte[] b, int p, int end) {
        if (b[p] == '=') return readValue(b, p + 1, end);
        if (b[p] == '"') return Math.min(Scan.closingQuote(b, p, end) + 1, end);
        return p + 1;
    }

    /** Reads the value at {@code p} (quoted or bare) into {@link #value}; returns where it ends. */
    private int readValue(byte[] b, int p, int end) {
        if (p < end && b[p] == '"') {
            int q = Scan.closingQuote(b, p, end);
            value = Scan.unquote(b, p + 1, q);
            return Math.min(q + 1, end);
        }
        int q = Scan.wordEnd(b, p, end);
        value = Scan.text(b, p, q);
        return q;
    }

    /**
     * Fills the schema field {@code key} names, once: as under {@code format: json}, the first value of the
     * right kind wins the field, and a later one, or one of the wrong kind, is kept under {@code attributes}.
     */
    private void apply(String key, String v, LogEvent event) {
        int field = field(key);
        if (field == 0 || (taken & field) != 0 || !fill(field, v, event)) attr(event, key, v);
        else taken |= field;
    }

    /** The schema field a well-known key fills (one bit of {@link #taken}), or 0. */
    private static int field(String key) {
        return switch (key) {
            case "msg", "message" -> MESSAGE;
            case "level", "lvl", "severity" -> LEVEL;
            case "time", "ts", "timestamp", "t" -> TIME;
            case "logger", "component" -> LOGGER;
            // logrus' ReportCaller writes func=main.handler file="/src/app/main.go:42", as in its JSON
            case "caller", "source", "file" -> ORIGIN;
            case "func" -> FUNCTION;
            case "trace_id", "traceID", "traceId" -> TRACE;
            case "span_id", "spanID", "spanId" -> SPAN;
            case "err", "error" -> ERROR;
            case "service" -> SERVICE;
            case "pid" -> PID;
            default -> 0;
        };
    }

    /** Sets {@code field} from {@code v}; false when {@code v} is not of its kind (not a level, time or number). */
    private boolean fill(int field, String v, LogEvent event) {
        switch (field) {
            case MESSAGE -> event.message(v);
            case LEVEL -> {
                Level l = Levels.fromWord(v);
                if (l == null) return false;
                event.level(l);
            }
            case TIME -> {
                long t = Timestamps.parse(v, options.zone());
                if (t == LogEvent.NO_TIME) return false;
                event.timestampNanos(t);
            }
            case LOGGER -> event.logger(v);
            case ORIGIN -> caller(v, event);
            case FUNCTION -> event.originFunction(v);
            case TRACE -> event.traceId(v);
            case SPAN -> event.spanId(v);
            case ERROR -> event.errorMessage(v);
            case SERVICE -> event.serviceName(v);
            case PID -> {
                try {
                    event.pid(Long.parseLong(v));
                } catch (NumberFormatException notANumber) {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
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
        event.attributesOrCreate().putString(key, v);
    }

    /**
     * Any byte above the space but {@code =} and {@code "}, as go-logfmt's decoder reads a key: bytes of
     * UTF-8 sequences (negative as Java bytes) included, so {@code café=1} is a pair, not dropped.
     */
    private static boolean isKeyByte(byte c) {
        return (c > ' ' || c < 0) && c != '=' && c != '"';
    }
}
