package io.sluice.core.buffer;

/**
 * One damaged byte range found in a segment.
 *
 * @param segment       the segment file name
 * @param offset        where the damaged range starts in that file
 * @param length        how many bytes were skipped
 * @param kind          what the damage looks like
 * @param recordsLost   how many records the range held, when the sequence numbers around it tell; -1 when unknown
 * @param quarantine    the file holding a copy of the skipped bytes, or null when none was written (inspect)
 * @param truncated     whether the segment was cut at {@code offset} (tail damage)
 */
public record BufferDamage(String segment, long offset, long length, DamageKind kind, long recordsLost,
                           String quarantine, boolean truncated) {

    /** One line for an operator. */
    public String describe() {
        if (kind == DamageKind.MISSING_RECORDS) {
            return segment + ": " + recordsLost + " record(s) lost, missing_records before it (a segment deleted, "
                    + "emptied or cut short at a record boundary)";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(segment).append(" @").append(offset).append(": ").append(length).append(" bytes, ")
                .append(kind.name().toLowerCase(java.util.Locale.ROOT));
        if (recordsLost >= 0) sb.append(", ").append(recordsLost).append(" record(s) lost");
        if (truncated) sb.append(", truncated");
        if (quarantine != null) sb.append(", kept in ").append(quarantine);
        return sb.toString();
    }
}
