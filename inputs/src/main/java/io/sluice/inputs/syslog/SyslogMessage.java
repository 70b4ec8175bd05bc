package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;

/**
 * Where the parts of one syslog message are, as offsets into the record's bytes: a parser fills
 * it, and only a message that parsed completely is copied into the event. Reused per worker.
 * A start of -1 means the part is absent or NILVALUE.
 */
final class SyslogMessage {
    int facility;
    int severity;
    /** RFC 5424 VERSION, or -1 for RFC 3164. */
    int version;
    long timeNanos;
    int hostStart, hostEnd;
    int appStart, appEnd;
    int procStart, procEnd;
    int msgidStart, msgidEnd;
    int sdStart, sdEnd;
    int msgStart, msgEnd;
    /**
     * True when the parser hashed the header parts as it read them (RFC 5424): then {@code hostHash},
     * {@code appHash}, {@code procHash} and {@code msgidHash} are their {@code Utf8StringCache.hash}.
     */
    boolean headerHashed;
    int hostHash, appHash, procHash, msgidHash;

    void reset() {
        facility = -1;
        severity = -1;
        version = -1;
        timeNanos = LogEvent.NO_TIME;
        hostStart = appStart = procStart = msgidStart = sdStart = -1;
        msgStart = msgEnd = 0;
        headerHashed = false;
    }

    /** Sets header part 0 HOSTNAME, 1 APP-NAME, 2 PROCID or 3 MSGID (start -1: NILVALUE) and its bytes' hash. */
    void headerPart(int part, int start, int end, int hash) {
        switch (part) {
            case 0 -> { hostStart = start; hostEnd = end; hostHash = hash; }
            case 1 -> { appStart = start; appEnd = end; appHash = hash; }
            case 2 -> { procStart = start; procEnd = end; procHash = hash; }
            default -> { msgidStart = start; msgidEnd = end; msgidHash = hash; }
        }
    }
}
