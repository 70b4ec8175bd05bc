package io.sluice.api.plugin;

import java.util.Arrays;

/**
 * Raw records framed by an input, copied into one array so a batch is one allocation, not one per
 * line. Each record has flags (e.g. {@link #TRUNCATED}) and a source position (a file offset or a
 * Kafka offset, -1 when there is none).
 */
public final class RawBatch {
    /** The framer cut the record at the maximum length. */
    public static final int TRUNCATED = 1;

    private final int maxRecords;
    private final int maxBytes;
    private byte[] data;
    private int used;
    private int count;
    private int[] starts;
    private int[] lengths;
    private int[] flags;
    private long[] positions;
    private long[] recordOffsets;

    public RawBatch(int maxRecords, int maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.data = new byte[Math.min(maxBytes, 16 * 1024)];
        this.starts = new int[Math.min(maxRecords, 64)];
        this.lengths = new int[starts.length];
        this.flags = new int[starts.length];
        this.positions = new long[starts.length];
        this.recordOffsets = new long[starts.length];
    }

    /** Copies a record in. Callers check {@link #isFull()} after adding and publish then. */
    public void add(byte[] src, int off, int len, int recordFlags, long position) {
        int slot = reserve(len, recordFlags, position);
        System.arraycopy(src, off, data, slot, len);
    }

    /**
     * Makes room for a record of {@code len} bytes and returns the offset in {@link #data()} where the
     * caller writes it (for inputs that copy from their own buffers, e.g. a Netty {@code ByteBuf}).
     */
    public int reserve(int len, int recordFlags, long position) {
        return reserve(len, recordFlags, position, position < 0 ? -1 : position - len);
    }

    /**
     * Copies a record in whose source offset is known apart from its position: a file input strips
     * the newline, or joins partial lines, so its record starts at {@code recordOffset} while its
     * position (the resume point) is further on.
     */
    public void add(byte[] src, int off, int len, int recordFlags, long position, long recordOffset) {
        int slot = reserve(len, recordFlags, position, recordOffset);
        System.arraycopy(src, off, data, slot, len);
    }

    /** As {@link #reserve(int, int, long)} with the record's own start offset (-1: none). */
    public int reserve(int len, int recordFlags, long position, long recordOffset) {
        if (count == starts.length) {
            int n = Math.max(count * 2, 8);
            starts = Arrays.copyOf(starts, n);
            lengths = Arrays.copyOf(lengths, n);
            flags = Arrays.copyOf(flags, n);
            positions = Arrays.copyOf(positions, n);
            recordOffsets = Arrays.copyOf(recordOffsets, n);
        }
        if (used + len > data.length) data = Arrays.copyOf(data, Math.max(used + len, data.length * 2));
        int slot = used;
        starts[count] = slot;
        lengths[count] = len;
        flags[count] = recordFlags;
        positions[count] = position;
        recordOffsets[count] = recordOffset;
        count++;
        used += len;
        return slot;
    }

    /**
     * Shrinks the data array to the bytes used, for a batch about to wait in a queue: the array grows
     * by doubling, so a batch can hold nearly twice its bytes, and queued batches are most of the
     * pipeline's live heap (they outlive the young generation, so the garbage collector copies them).
     */
    public void trimToSize() {
        if (data.length - used > data.length / 8) data = Arrays.copyOf(data, used);
    }

    public boolean isFull() {
        return count >= maxRecords || used >= maxBytes;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int size() { return count; }
    public int byteSize() { return used; }
    public byte[] data() { return data; }
    public int start(int i) { return starts[i]; }
    public int length(int i) { return lengths[i]; }
    public int flags(int i) { return flags[i]; }
    public long position(int i) { return positions[i]; }

    /** Where record {@code i} starts in its source ({@code log.offset}), -1 when unknown. */
    public long recordOffset(int i) { return recordOffsets[i]; }

    /** Position of the last record, reported to the source's {@link AckListener}. */
    public long lastPosition() {
        return count == 0 ? -1 : positions[count - 1];
    }
}
