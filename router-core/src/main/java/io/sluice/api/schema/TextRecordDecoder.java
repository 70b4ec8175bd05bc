package io.sluice.api.schema;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Rejection;
import io.sluice.api.event.Tags;
import io.sluice.api.json.Utf8;
import io.sluice.api.plugin.RecordDecoder;

import java.nio.charset.StandardCharsets;

/**
 * Normalizes a plain-text line: the whole line is the message; a leading time
 * ({@code 2026-01-02 03:04:05,678 ...}, optionally in brackets) fills {@code @timestamp}, and a
 * leading level word ({@code ERROR ...}, {@code [WARN] ...}, {@code level: ...}) fills
 * {@code log.level}.
 */
public final class TextRecordDecoder implements RecordDecoder {
    private final DecodeOptions options;
    private final long[] timeOut = new long[2];

    public TextRecordDecoder(DecodeOptions options) {
        this.options = options;
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        int end = off + len;
        while (end > off && (b[end - 1] == '\r')) end--;
        if (Utf8.isValid(b, off, end - off)) {
            event.messageText(b, off, end - off); // kept as bytes, escaped by the encoder: no String unless asked for
        } else {
            event.message(new String(b, off, end - off, StandardCharsets.UTF_8)); // a caller that did not repair the record
        }
        int p = skipSpaces(b, off, end);
        int afterTime = leadingTime(b, p, end, event);
        if (afterTime > p) p = skipSpaces(b, afterTime, end);
        Level level = leadingLevel(b, p, end);
        if (level != null) event.level(level);
    }

    /**
     * A record the input's format could not read: kept whole as the message (with a leading time and
     * level still picked up) and tagged {@code parse_failed}, or dead-lettered when the input says so.
     */
    public void decodeUnparsed(byte[] b, int off, int len, LogEvent event, String why) {
        decode(b, off, len, event);
        event.message(new String(b, off, len, StandardCharsets.UTF_8));
        markUnparsed(event, options, why);
    }

    /**
     * Marks a record its format could not read, whole or in part: tagged {@code parse_failed} (which
     * {@code sluice_events_tagged_total} counts) or, when the input says so, refused for the dead-letter path.
     * The caller keeps the unread text in the event (as the message, or in {@code event.original}).
     */
    public static void markUnparsed(LogEvent event, DecodeOptions options, String why) {
        event.addTag(Tags.PARSE_FAILED);
        if (options.deadLetterUnparseable()) {
            event.reject(new Rejection("decode", Rejection.PARSE_ERROR, why));
        }
    }

    private int leadingTime(byte[] b, int p, int end, LogEvent event) {
        int q = p;
        boolean bracket = q < end && b[q] == '[';
        if (bracket) q++;
        if (end - q < 19 || b[q] < '0' || b[q] > '9') return p;
        if (!Timestamps.parsePrefix(b, q, end - q, options.zone(), timeOut)) return p;
        q += (int) timeOut[1];
        if (bracket) {
            if (q >= end || b[q] != ']') return p;
            q++;
        }
        if (q < end && b[q] != ' ' && b[q] != '\t') return p;
        event.timestampNanos(timeOut[0]);
        return q;
    }

    /** A level word at {@code p}: {@code WORD}, {@code [WORD]}, {@code <WORD>} or {@code WORD:}, followed by a space or the end. */
    public static Level leadingLevel(byte[] b, int p, int end) {
        int q = p;
        byte close = 0;
        if (q < end && (b[q] == '[' || b[q] == '<' || b[q] == '(')) {
            close = b[q] == '[' ? (byte) ']' : b[q] == '<' ? (byte) '>' : (byte) ')';
            q++;
        }
        int start = q;
        while (q < end && q - start <= 9 && isLetter(b[q])) q++;
        int wordEnd = q;
        if (wordEnd - start < 3 || wordEnd - start > 9) return null;
        if (close != 0) {
            if (q >= end || b[q] != close) return null;
            q++;
        }
        if (q < end && b[q] == ':') q++;
        if (q < end && b[q] != ' ' && b[q] != '\t') return null;
        return Levels.fromTextWord(new String(b, start, wordEnd - start, StandardCharsets.US_ASCII));
    }

    private static boolean isLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int skipSpaces(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
        return p;
    }
}
