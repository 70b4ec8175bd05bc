package io.sluice.core.buffer;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The records read and not yet acknowledged, in read order. Acknowledgements may come in any order (a sink
 * with several threads); the read position advances only over the acknowledged prefix, so a record is never
 * counted as done before every record in front of it. Skipped damaged ranges enter the window already done.
 *
 * <p>Not thread-safe on its own: {@link SegmentTable} guards it with its lock, so that the window and the
 * acknowledged position move in one step.
 */
final class AckWindow {
    /** How far the acknowledged prefix moved: up to {@code end} of {@code segment}; {@code lastSeq} -1 when
     *  only skipped ranges passed; {@code records} is how many records it covered. */
    record Advance(long segment, long end, long lastSeq, int records) {}

    private static final class Entry {
        final long seq;
        final long segment;
        final long end;
        boolean done;

        Entry(long seq, long segment, long end, boolean done) {
            this.seq = seq;
            this.segment = segment;
            this.end = end;
            this.done = done;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<Long, Entry> bySeq = new HashMap<>();
    private long highestRead = -1;

    void read(long seq, long segment, long end) {
        Entry e = new Entry(seq, segment, end, false);
        entries.addLast(e);
        bySeq.put(seq, e);
        highestRead = Math.max(highestRead, seq);
    }

    /** A damaged range the reader skipped. */
    Advance skip(long segment, long end) {
        entries.addLast(new Entry(-1, segment, end, true));
        return pollDone();
    }

    /** Marks a record done; null when the prefix did not move (or the record was acknowledged before). */
    Advance ack(long seq) {
        Entry e = bySeq.remove(seq);
        if (e == null) {
            if (seq > highestRead) throw new IllegalArgumentException("record " + seq + " was not read yet");
            return null;
        }
        e.done = true;
        return pollDone();
    }

    private Advance pollDone() {
        Entry last = null;
        long lastSeq = -1;
        int records = 0;
        while (!entries.isEmpty() && entries.peekFirst().done) {
            last = entries.pollFirst();
            if (last.seq >= 0) {
                lastSeq = last.seq;
                records++;
            }
        }
        return last == null ? null : new Advance(last.segment, last.end, lastSeq, records);
    }

    /** Records read and not yet acknowledged. */
    int outstanding() {
        return bySeq.size();
    }
}
