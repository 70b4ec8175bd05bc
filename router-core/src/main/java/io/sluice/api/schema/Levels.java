package io.sluice.api.schema;

import io.sluice.api.event.Level;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Maps severity words and numbers found in records to {@link Level} (docs/schema.md, "Severity mapping"). */
public final class Levels {
    private static final Map<String, Level> ALIASES = new HashMap<>();

    static {
        // winston's default levels add http (below info: its default level hides it) and silly (the lowest)
        alias(Level.TRACE, "trace", "trc", "finest", "finer", "verbose", "vrb", "silly");
        alias(Level.DEBUG, "debug", "dbg", "fine", "config", "debu", "http");
        // loguru's SUCCESS (25) sits between INFO and WARNING
        alias(Level.INFO, "info", "inf", "information", "informational", "notice", "note", "i", "success");
        alias(Level.WARN, "warn", "warning", "wrn", "w");
        // structlog names the level of log.exception() "exception" when its BoundLogger passes the method name on
        alias(Level.ERROR, "error", "err", "severe", "e", "eror", "exception");
        // zap's dpanic (panics in development; OpenTelemetry's zap bridge maps it to FATAL)
        alias(Level.FATAL, "fatal", "crit", "critical", "panic", "emerg", "emergency", "alert", "ftl", "f", "dpanic");
    }

    private static void alias(Level level, String... words) {
        for (String w : words) ALIASES.put(w, level);
    }

    private Levels() {}

    /** A level word, case-insensitive; null when the word is not a known level. */
    public static Level fromWord(String word) {
        if (word == null || word.isEmpty() || word.length() > 13) return null;
        Level l = ALIASES.get(word);
        if (l != null) return l;
        l = ALIASES.get(word.toLowerCase(Locale.ROOT));
        if (l != null) return l;
        // numbers written as strings ("30", "4")
        try {
            return fromNumber(Long.parseLong(word));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A numeric level: 0–7 are syslog severities, 10–60 the bunyan/pino scale
     * (10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal), and PHP Monolog's RFC 5424 names as
     * numbers: 100 debug, 200 info, 250 notice, 300 warning, 400 error, 500 critical, 550 alert, 600
     * emergency. Anything else is unknown (log4j2's {@code intLevel}, which runs the other way from 100
     * fatal to 600 trace, is never written as a level by its layouts: they write the name).
     */
    public static Level fromNumber(long n) {
        if (n >= 0 && n <= 7) return Level.fromSyslogSeverity((int) n);
        if (n >= 100 && n <= 600 && n % 50 == 0) {
            return switch ((int) n) {
                case 100 -> Level.DEBUG;
                case 200, 250 -> Level.INFO;
                case 300 -> Level.WARN;
                case 400 -> Level.ERROR;
                case 500, 550, 600 -> Level.FATAL;
                default -> null; // 150, 350, 450: no Monolog level
            };
        }
        if (n >= 10 && n <= 60 && n % 10 == 0) {
            return switch ((int) n) {
                case 10 -> Level.TRACE;
                case 20 -> Level.DEBUG;
                case 30 -> Level.INFO;
                case 40 -> Level.WARN;
                case 50 -> Level.ERROR;
                default -> Level.FATAL;
            };
        }
        return null;
    }

    private static final Map<String, Level> TEXT_WORDS = new HashMap<>();

    static {
        // Fewer than ALIASES: a prose word such as "Config" or "Fine" starting a line is not a level.
        for (String w : new String[] {"trace", "verbose", "finest"}) TEXT_WORDS.put(w, Level.TRACE);
        for (String w : new String[] {"debug", "dbg"}) TEXT_WORDS.put(w, Level.DEBUG);
        for (String w : new String[] {"info", "notice"}) TEXT_WORDS.put(w, Level.INFO);
        for (String w : new String[] {"warn", "warning"}) TEXT_WORDS.put(w, Level.WARN);
        for (String w : new String[] {"error", "err", "severe"}) TEXT_WORDS.put(w, Level.ERROR);
        for (String w : new String[] {"fatal", "crit", "critical", "panic", "dpanic", "emerg", "alert"}) TEXT_WORDS.put(w, Level.FATAL);
    }

    /** Words only (no single letters or numbers): used to spot a level at the start of a text line. */
    public static Level fromTextWord(String word) {
        if (word.length() < 3) return null;
        return TEXT_WORDS.get(word.toLowerCase(Locale.ROOT));
    }
}
