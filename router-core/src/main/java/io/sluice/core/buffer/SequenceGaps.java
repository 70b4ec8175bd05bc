package io.sluice.core.buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds records missing between segments. Sequence numbers run on from segment to segment and the read
 * position names the next one, so a jump between the position and the first record after it, or between
 * one segment's last record and the next one's first, is records that were there and are not: a segment
 * deleted, emptied, or cut exactly at a record boundary, which no scan of the remaining bytes can see.
 * The newest segment cut short cannot be told from one that ended there: nothing follows it.
 */
final class SequenceGaps {
    private long expected;
    private boolean afterTail;
    private final List<BufferDamage> found = new ArrayList<>();

    /** @param nextSeq the sequence number the read position expects; negative when unknown (no position) */
    SequenceGaps(long nextSeq) {
        this.expected = nextSeq;
    }

    /**
     * The next segment in order, as read from where reading resumes in it.
     *
     * @param firstSeq its first record's sequence number, negative when it has none
     * @param damage   what its scan found: a jump that damage already reports (a torn tail before it, a
     *                 damaged range whose records could not be counted) is not reported twice
     */
    void segment(String name, long firstSeq, long lastSeq, List<BufferDamage> damage) {
        boolean explained = afterTail || damage.stream().anyMatch(d -> !d.kind().isTail() && d.recordsLost() < 0);
        afterTail = damage.stream().anyMatch(d -> d.kind().isTail() || d.kind() == DamageKind.UNREADABLE);
        if (firstSeq < 0) return;
        if (expected >= 0 && firstSeq > expected && !explained) {
            found.add(new BufferDamage(name, 0, 0, DamageKind.MISSING_RECORDS, firstSeq - expected, null, false));
        }
        expected = Math.max(expected, lastSeq + 1);
    }

    List<BufferDamage> found() {
        return found;
    }
}
