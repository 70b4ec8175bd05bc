package io.sluice.core.buffer;

/** What kind of damage a scan of a disk-buffer segment found. */
public enum DamageKind {
    /** An incomplete record at the end of a segment: a write interrupted by a crash or power loss. */
    TORN_TAIL,
    /** Zero bytes at the end of a segment: the file grew but its data never reached the disk (power loss). */
    ZERO_FILLED_TAIL,
    /** Bytes at the end of a segment that are no record at all (written by something else). */
    GARBAGE_TAIL,
    /** Bytes in the middle of a segment that fail their checksum or header check; skipped to the next intact record. */
    CORRUPT_RECORDS,
    /** The disk returned an I/O error reading these bytes (a bad sector); skipped, left in place. */
    UNREADABLE,
    /**
     * Records missing between two that are there: the sequence numbers jump where a segment was deleted,
     * emptied, or cut exactly at a record boundary. No bytes to skip or keep; the records are gone.
     */
    MISSING_RECORDS;

    /** Tail damage is truncated (once its bytes are quarantined); other damage is skipped and left in place. */
    public boolean isTail() {
        return this == TORN_TAIL || this == ZERO_FILLED_TAIL || this == GARBAGE_TAIL;
    }
}
