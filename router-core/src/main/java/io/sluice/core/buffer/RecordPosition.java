package io.sluice.core.buffer;

/**
 * Where a record read from a {@link DiskBuffer} lies: its segment, its byte range in that segment and its
 * sequence number (increasing by one per append, across restarts). Hand it back to
 * {@link DiskBuffer#ack(RecordPosition)} once the record is delivered.
 */
public record RecordPosition(long segment, long offset, long end, long seq) {
}
