package io.sluice.inputs.multiline;

import io.sluice.api.framing.HeldArray;
import io.sluice.api.framing.HeldBytes;
import io.sluice.api.plugin.RawBatch;

import java.util.function.Supplier;

/**
 * Joins continuation lines into one event (stack traces), per stream, between the framer (or a
 * container file's assembler) and the batch; one joiner per file or connection. The joined record
 * keeps its envelope so the decoder reads it like any other: text lines are joined with {@code \n};
 * a CRI record keeps the first line's prefix; a Docker record's escaped {@code log} contents are
 * concatenated (each already ends in an escaped newline). The {@link LineEnvelope} says where the
 * text sits in a record.
 *
 * <p>An event is sent when the next event starts, when it reaches {@code max_lines} or
 * {@code max_bytes} (further continuation lines are dropped and it is flagged truncated) or after
 * the flush timeout. Positions never pass the first line of an event still being joined.
 *
 * <p>What an event being joined holds (its first line's envelope, the joined text, the joined
 * record) is charged to a {@link HeldBytes} account from the first byte: when the account has no
 * room, the event stops growing as at {@code max_bytes} (flagged truncated), and a line that cannot
 * even start an event is passed on alone. A joiner that never held anything holds no array.
 * {@link #close} gives the charge back.
 */
public final class MultilineJoiner implements RecordSink {
    private static final byte[] ESCAPED_NEWLINE = {'\\', 'n'};
    private static final byte[] NEWLINE = {'\n'};

    private final RecordSink out;
    private final LineEnvelope envelope;
    private final int[] located = new int[3];
    private final int maxLines;
    private final int maxBytes;
    private final Event[] events;
    private final MultilineRule[] rules;
    /** The unescaped start of a Docker line; made at the first one (only Docker content is escaped). */
    private byte[] plain;

    public MultilineJoiner(RecordSink out, LineEnvelope envelope, Supplier<MultilineRule> rule, int maxLines, int maxBytes,
                           HeldBytes account) {
        this.out = out;
        this.events = new Event[] {new Event(account), new Event(account)};
        this.envelope = envelope;
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
        this.rules = new MultilineRule[] {rule.get(), rule.get()};
    }

    @Override
    public void record(byte[] b, int off, int len, int flags, long recordOffset, long position) {
        int end = off + len;
        if (!envelope.locate(b, off, end, located)) {
            out.record(b, off, len, flags, recordOffset, resume(position));
            return;
        }
        int ts = located[0];
        int te = located[1];
        int stream = located[2];
        boolean escaped = envelope.escaped();
        Event ev = events[stream];
        boolean continues = escaped ? matchEscaped(stream, b, ts, te) : rules[stream].continues(b, ts, te - ts);
        if (continues && ev.active()) {
            ev.add(b, ts, te, escaped ? envelope : null, flags, position, maxLines, maxBytes);
            return;
        }
        if (ev.active()) emit(ev);
        if (!ev.begin(b, off, ts, te, end, flags, recordOffset, position)) {
            out.record(b, off, len, flags, recordOffset, resume(position));
        }
    }

    /** The stream ended: gives back what the events held (send them first with {@link #flush}). */
    public void close() {
        for (Event e : events) e.close();
    }

    /** Docker content is escaped: the rule sees the unescaped start of the line. */
    private boolean matchEscaped(int stream, byte[] b, int from, int to) {
        if (plain == null) plain = new byte[256];
        int n = 0;
        for (int i = from; i < to && n < plain.length; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to) {
                byte e = b[++i];
                c = switch (e) {
                    case 't' -> (byte) '\t';
                    case 'n' -> (byte) '\n';
                    case 'r' -> (byte) '\r';
                    default -> e;
                };
                if (e == 'u') i += 4; // rare in a line's first bytes; a placeholder is enough to match on
            }
            plain[n++] = c;
        }
        while (n > 0 && (plain[n - 1] == '\n' || plain[n - 1] == '\r')) n--;
        return rules[stream].continues(plain, 0, n);
    }

    private void emit(Event ev) {
        int n = ev.length();
        byte[] joined = ev.join();
        long start = ev.recordOffset;
        int flags = ev.flags;
        long position = ev.position;
        ev.clear();
        out.record(joined, 0, n, flags, start, resume(position));
    }

    private long resume(long position) {
        long r = position;
        for (Event e : events) {
            if (e.active() && e.recordOffset < r) r = e.recordOffset;
        }
        return r;
    }

    /** Sends the events last extended before {@code touchedBefore} ({@link Long#MAX_VALUE}: all), oldest first. */
    public void flush(long touchedBefore) {
        while (true) {
            Event first = null;
            for (Event e : events) {
                if (e.active() && e.touchedNanos < touchedBefore
                        && (first == null || e.recordOffset < first.recordOffset)) {
                    first = e;
                }
            }
            if (first == null) return;
            emit(first);
        }
    }

    public boolean hasPending() {
        return events[0].active() || events[1].active();
    }

    /** One event being joined: the first line's prefix and suffix around the joined text. */
    /** When the oldest event being joined was last extended ({@link System#nanoTime}); {@link Long#MAX_VALUE} when none is. */
    public long oldestTouchNanos() {
        long t = Long.MAX_VALUE;
        for (Event e : events) {
            if (e.active()) t = Math.min(t, e.touchedNanos);
        }
        return t;
    }

    private static final class Event {
        private final HeldArray prefix;
        private int prefixLen;
        private final HeldArray suffix;
        private int suffixLen;
        private final HeldArray heldBody;
        private final HeldArray heldJoined;
        private final HeldArray[] arrays;
        private byte[] body;
        private int bodyLen;
        private int lines;
        private boolean full;
        int flags;
        long recordOffset = -1;
        long position;
        long touchedNanos;
        Event(HeldBytes account) {
            prefix = new HeldArray(account, 0);
            suffix = new HeldArray(account, 0);
            heldBody = new HeldArray(account, 0);
            heldJoined = new HeldArray(account, 0);
            arrays = new HeldArray[] {prefix, suffix, heldBody, heldJoined};
            body = heldBody.array();
        }

        boolean active() {
            return recordOffset >= 0;
        }

        /** False, and nothing begun, when the account has no room for the first line. */
        boolean begin(byte[] b, int off, int ts, int te, int end, int recordFlags, long offset, long pos) {
            bodyLen = 0;
            if (!append(b, ts, te - ts) || !copy(prefix, b, off, ts - off) || !copy(suffix, b, te, end - te)) {
                bodyLen = 0;
                return false;
            }
            prefixLen = ts - off;
            suffixLen = end - te;
            lines = 1;
            full = false;
            flags = recordFlags;
            recordOffset = offset;
            position = pos;
            touchedNanos = System.nanoTime();
            return true;
        }

        /** @param escaped the envelope of escaped text, null for plain text */
        void add(byte[] b, int ts, int te, LineEnvelope escaped, int recordFlags, long pos, int maxLines, int maxBytes) {
            position = pos;
            touchedNanos = System.nanoTime();
            if (full || lines >= maxLines || bodyLen + (te - ts) + 2 > maxBytes) {
                full = true;
                flags |= RawBatch.TRUNCATED;
                return;
            }
            int before = bodyLen;
            boolean room = escaped != null && escaped.endsWithNewline(body, 0, bodyLen)
                    || append(escaped != null ? ESCAPED_NEWLINE : NEWLINE, 0, escaped != null ? 2 : 1);
            if (!room || !append(b, ts, te - ts)) {
                bodyLen = before; // the account has no room: this event grows no more
                full = true;
                flags |= RawBatch.TRUNCATED;
                return;
            }
            lines++;
            flags |= recordFlags;
        }

        int length() {
            return prefixLen + bodyLen + suffixLen;
        }

        /** The event in one array; a transient one when the account has no room to keep it. */
        byte[] join() {
            int n = length();
            byte[] joined = heldJoined.ensure(n, 0, Integer.MAX_VALUE) ? heldJoined.array() : new byte[n];
            System.arraycopy(prefix.array(), 0, joined, 0, prefixLen);
            System.arraycopy(body, 0, joined, prefixLen, bodyLen);
            System.arraycopy(suffix.array(), 0, joined, prefixLen + bodyLen, suffixLen);
            return joined;
        }

        void clear() {
            let(false);
        }

        void close() {
            let(true);
        }

        /** Ends the event; gives back a large array ({@code all}: every array) and its charge. */
        private void let(boolean all) {
            recordOffset = -1;
            bodyLen = 0;
            for (HeldArray h : arrays) {
                if (all) h.close();
                else h.shrink();
            }
            body = heldBody.array();
        }

        /** False, and nothing appended, when the account has no room. */
        private boolean append(byte[] b, int off, int n) {
            if (!heldBody.ensure(bodyLen + n, bodyLen, Integer.MAX_VALUE)) return false;
            body = heldBody.array();
            System.arraycopy(b, off, body, bodyLen, n);
            bodyLen += n;
            return true;
        }

        /** False, and nothing copied, when the account has no room. */
        private static boolean copy(HeldArray into, byte[] b, int off, int n) {
            if (!into.ensure(n, 0, Integer.MAX_VALUE)) return false;
            System.arraycopy(b, off, into.array(), 0, n);
            return true;
        }
    }
}
