package io.sluice.core.buffer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What {@link DiskBuffer#inspect} found in a buffer directory, or what {@link DiskBuffer#repair} did to it.
 *
 * @param directory       the buffer directory
 * @param inUse           whether a process holds the directory's lock (the newest segment may be mid-write)
 * @param readPosition    the persisted read position, described, or why there is none
 * @param segments        every segment, oldest first
 * @param records         intact records in all segments
 * @param bytes           bytes of all segment files
 * @param pendingRecords  intact records at or after the read position (not yet acknowledged)
 * @param pendingBytes    segment bytes at or after the read position
 * @param oldestAppendMillis  append time of the oldest intact record, epoch ms; -1 when there is none
 * @param newestAppendMillis  append time of the newest intact record, epoch ms; -1 when there is none
 * @param damage          damaged ranges found
 * @param actions         what repair changed (empty for inspect)
 * @param problems        anything else the operator should know
 */
public record BufferReport(Path directory, boolean inUse, String readPosition, List<SegmentSummary> segments,
                           long records, long bytes, long pendingRecords, long pendingBytes,
                           long oldestAppendMillis, long newestAppendMillis, List<BufferDamage> damage,
                           List<String> actions, List<String> problems) {

    /** One segment file. Sequence numbers and times are -1 when the segment holds no intact record. */
    public record SegmentSummary(String file, long bytes, long records, long firstSeq, long lastSeq,
                                 long oldestAppendMillis, long newestAppendMillis, int damagedRanges) {}

    /** No damage and no problem found. */
    public boolean clean() {
        return damage.isEmpty() && problems.isEmpty();
    }

    /** The report as text for a terminal ({@code sluice buffer inspect|repair}). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("buffer ").append(directory).append(inUse ? " (in use by a running process)" : "").append('\n');
        sb.append("read position: ").append(readPosition).append('\n');
        sb.append("segments: ").append(segments.size()).append(", records: ").append(records)
                .append(", bytes: ").append(bytes).append('\n');
        sb.append("pending (not acknowledged): ").append(pendingRecords).append(" records, ")
                .append(pendingBytes).append(" bytes\n");
        if (oldestAppendMillis >= 0) {
            sb.append("oldest append: ").append(Instant.ofEpochMilli(oldestAppendMillis))
                    .append(", newest append: ").append(Instant.ofEpochMilli(newestAppendMillis)).append('\n');
        }
        for (SegmentSummary s : segments) {
            sb.append("  ").append(s.file()).append(": ").append(s.bytes()).append(" bytes, ").append(s.records())
                    .append(" records");
            if (s.records() > 0) sb.append(", seq ").append(s.firstSeq()).append("..").append(s.lastSeq());
            if (s.damagedRanges() > 0) sb.append(", ").append(s.damagedRanges()).append(" damaged range(s)");
            sb.append('\n');
        }
        sb.append("damage: ").append(damage.isEmpty() ? "none" : damage.size() + " range(s)").append('\n');
        for (BufferDamage d : damage) sb.append("  ").append(d.describe()).append('\n');
        for (String a : actions) sb.append("repaired: ").append(a).append('\n');
        for (String p : problems) sb.append("problem: ").append(p).append('\n');
        return sb.toString();
    }
}
