package io.sluice.core.buffer;

/** One record read from a {@link DiskBuffer}: its position (the ack token), append time and payload. */
public final class BufferRecord {
    private final RecordPosition position;
    private final long appendMillis;
    private final byte[] payload;

    BufferRecord(RecordPosition position, long appendMillis, byte[] payload) {
        this.position = position;
        this.appendMillis = appendMillis;
        this.payload = payload;
    }

    /** The token to pass to {@link DiskBuffer#ack(RecordPosition)}. */
    public RecordPosition position() {
        return position;
    }

    public long seq() {
        return position.seq();
    }

    /** When the record was appended, epoch milliseconds. */
    public long appendTimeMillis() {
        return appendMillis;
    }

    /** The payload as appended (the array is the record's own; exactly the payload's length). */
    public byte[] payload() {
        return payload;
    }

    /** The events of a record appended with {@link DiskBuffer#appendEvents}. */
    public RecordEvents events() {
        return RecordEvents.parse(payload);
    }

    /** The number of events in a record appended with {@link DiskBuffer#appendEvents}, without parsing it. */
    public int eventCount() {
        return RecordEvents.countOf(payload);
    }

    /** The record's size on disk, header included (what it counts against max_bytes). */
    public long diskBytes() {
        return position.end() - position.offset();
    }
}
