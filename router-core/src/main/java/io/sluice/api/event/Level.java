package io.sluice.api.event;

/** The normalized severity of schema v1 ({@code log.level}). */
public enum Level {
    TRACE("trace"), DEBUG("debug"), INFO("info"), WARN("warn"), ERROR("error"), FATAL("fatal");

    private final String text;

    Level(String text) {
        this.text = text;
    }

    /** The schema v1 spelling, lower case. */
    public String text() {
        return text;
    }

    /** Syslog severity 0–7 mapped as docs/schema.md says: 0–2 fatal, 3 error, 4 warn, 5–6 info, 7 debug. */
    public static Level fromSyslogSeverity(int severity) {
        if (severity <= 2) return FATAL;
        if (severity == 3) return ERROR;
        if (severity == 4) return WARN;
        if (severity <= 6) return INFO;
        return DEBUG;
    }
}
