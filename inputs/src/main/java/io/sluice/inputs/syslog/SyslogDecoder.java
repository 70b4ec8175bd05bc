package io.sluice.inputs.syslog;

import io.micrometer.core.instrument.Counter;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Rejection;
import io.sluice.api.event.SyslogFields;
import io.sluice.api.event.Tags;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.json.Utf8StringCache;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.JsonRecordDecoder;

import java.nio.charset.StandardCharsets;

/**
 * Decodes one syslog message, RFC 5424 or RFC 3164 (told apart by what follows PRI: a 1–3 digit
 * VERSION and a space means RFC 5424, parsed strictly), into schema v1: {@code log.syslog.*},
 * severity to {@code log.level}, HOSTNAME to {@code host.name}, APP-NAME to {@code service.name},
 * the timestamp to {@code @timestamp}, MSG to {@code message} — or, with {@code parse_message},
 * MSG parsed as a JSON record.
 *
 * <p>A record that is not syslog is never dropped: it keeps its raw text as the message, is tagged
 * {@code parse_failed} and counted, and is dead-lettered instead when the input says so. A valid PRI
 * in front of it still gives the severity. One instance per worker thread.
 */
public final class SyslogDecoder implements RecordDecoder {
    /** What to do with MSG. */
    public enum MessageParsing { NONE, AUTO, JSON }

    /** Counters for every decoded record: parsed as syslog, passed on raw, rejected to the dead letters. */
    public record Counters(Counter parsed, Counter raw, Counter rejected) {}

    private final DecodeOptions options;
    private final MessageParsing messageParsing;
    private final Counters counters;
    private final SyslogParser parser;
    private final SyslogMessage m;
    private final StructuredData sd;
    /** HOSTNAME, APP-NAME, PROCID and MSGID repeat from message to message: one String each, not one per event. */
    private final Utf8StringCache headerText = new Utf8StringCache();
    private final JsonRecordDecoder json;
    /** Records counted since the last {@link #batchDone}: one counter update per batch, not per record. */
    private long parsed;
    private long raw;
    private long rejected;

    /**
     * @param options  zone for RFC 3164 times and times without offset; {@code deadLetterUnparseable}
     *                 for {@code on_invalid: dead_letter}
     * @param counters may be null (tests)
     */
    public SyslogDecoder(DecodeOptions options, MessageParsing messageParsing, Counters counters) {
        this(options, messageParsing, false, counters);
    }

    /**
     * @param firstWordTag an RFC 3164 message's first word after HOSTNAME is its TAG even without colon
     *                     ({@code rfc3164_tag: first_word})
     */
    public SyslogDecoder(DecodeOptions options, MessageParsing messageParsing, boolean firstWordTag, Counters counters) {
        this.options = options;
        this.parser = new SyslogParser(firstWordTag);
        this.m = parser.message;
        this.sd = parser.structuredData;
        this.messageParsing = messageParsing;
        this.counters = counters;
        // a MSG that is not the JSON it was expected to be is tagged, never dead-lettered: the syslog part was fine
        DecodeOptions msgOptions = new DecodeOptions(options.zone(), options.onInvalid(), false)
                .withParsing(null, options.aliases());
        this.json = messageParsing == MessageParsing.NONE ? null
                : new JsonRecordDecoder(msgOptions, messageParsing == MessageParsing.JSON);
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent e) {
        int end = SyslogParser.trimTrailer(b, off, off + len);
        String error = parser.parse(b, off, end, options.zone(), e.createdNanos());
        if (error != null) {
            invalid(b, off, end - off, e, error);
        } else {
            apply(b, e);
            parsed++;
        }
    }

    @Override
    public void batchDone() {
        if (counters != null) {
            if (parsed > 0) counters.parsed().increment(parsed);
            if (raw > 0) counters.raw().increment(raw);
            if (rejected > 0) counters.rejected().increment(rejected);
        }
        parsed = 0;
        raw = 0;
        rejected = 0;
    }

    private void apply(byte[] b, LogEvent e) {
        SyslogFields s = e.syslogOrCreate();
        s.facilityCode(m.facility);
        s.severityCode(m.severity);
        if (m.version >= 0) s.version(m.version);
        e.level(Level.fromSyslogSeverity(m.severity));
        if (m.timeNanos != LogEvent.NO_TIME) e.timestampNanos(m.timeNanos);
        if (m.hostStart >= 0) {
            String host = header(b, m.hostStart, m.hostEnd, m.hostHash);
            s.hostname(host);
            e.hostName(host);
        }
        if (m.appStart >= 0) {
            String app = header(b, m.appStart, m.appEnd, m.appHash);
            s.appname(app);
            e.serviceName(app);
        }
        if (m.procStart >= 0) {
            long pid = pid(b, m.procStart, m.procEnd);
            if (pid >= 0) e.pid(pid);
            if (pid >= 0 && (b[m.procStart] != '0' || m.procEnd - m.procStart == 1)) {
                s.procid(pid); // its text is the number's: pids vary too much for the string cache
            } else {
                s.procid(header(b, m.procStart, m.procEnd, m.procHash));
            }
        }
        if (m.msgidStart >= 0) s.msgid(header(b, m.msgidStart, m.msgidEnd, m.msgidHash));
        if (m.sdStart >= 0) sd.apply(b, m.sdStart, m.sdEnd, e, s);
        int msgLen = m.msgEnd - m.msgStart;
        if (json != null && (messageParsing == MessageParsing.JSON || startsLikeJson(b, m.msgStart, m.msgEnd))) {
            json.decode(b, m.msgStart, msgLen, e);
        } else if (options.parser() != null) {
            // the input's parser reads the MSG; the syslog header already filled what it could
            if (!options.parser().apply(b, m.msgStart, msgLen, e, options)) {
                e.message(text(b, m.msgStart, m.msgEnd));
                e.addTag(Tags.PARSE_FAILED);
            }
        } else if (JsonBytes.isPlainText(b, m.msgStart, msgLen)) {
            e.messageRaw(b, m.msgStart, msgLen); // its own JSON form: the encoder copies it, no String is made
        } else {
            e.message(text(b, m.msgStart, m.msgEnd));
        }
    }

    /** A header part's String from the cache, with the hash the RFC 5424 parser made as it read the part. */
    private String header(byte[] b, int start, int end, int hash) {
        return m.headerHashed ? headerText.get(b, start, end, hash) : headerText.get(b, start, end);
    }

    /** PROCID as {@code process.pid} when it is a number (RFC 5424 allows any text there), else -1. */
    private static long pid(byte[] b, int start, int end) {
        if (end - start > 18) return -1;
        long v = 0;
        for (int i = start; i < end; i++) {
            if (!Rfc5424Parser.isDigit(b[i])) return -1;
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static boolean startsLikeJson(byte[] b, int p, int end) {
        while (p < end && b[p] == ' ') p++;
        return p < end && b[p] == '{';
    }

    private void invalid(byte[] b, int off, int len, LogEvent e, String why) {
        e.message(new String(b, off, len, StandardCharsets.UTF_8));
        e.addTag(Tags.PARSE_FAILED);
        if (m.severity >= 0) {
            // RFC 3164 4.3.2: a relay keeps a valid PRI and treats the rest as content
            e.syslogOrCreate().facilityCode(m.facility);
            e.syslogOrCreate().severityCode(m.severity);
            e.level(Level.fromSyslogSeverity(m.severity));
        }
        if (options.deadLetterUnparseable()) {
            e.reject(new Rejection("decode", Rejection.PARSE_ERROR, "not a syslog message: " + why));
            rejected++;
        } else {
            raw++;
        }
    }

    private static String text(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }
}
