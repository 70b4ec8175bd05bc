package io.sluice.api.plugin;

import io.sluice.api.framing.WholeLines;

import java.util.Arrays;
import java.util.Objects;

/**
 * Raw records framed by an input, copied into one array so a batch is one allocation, not one per
 * line. Each record has flags (e.g. {@link #TRUNCATED}) and a source position (a file offset or a
 * Kafka offset, -1 when there is none).
 *
 * <p>A connection's reader may also add a block of whole lines uncut ({@link #reserveLines}): the
 * worker that takes the batch cuts them ({@link #cutLines}) before it reads records, so the one thread
 * that reads a connection does not walk every line. Every accessor of a record cuts first, so a reader
 * never sees a block; on the reading side only {@link #isEmpty}, {@link #isFull}, {@link #byteSize} and
 * {@link #recordSlots} are used, which do not cut.
 */
public final class RawBatch {
    /** The framer cut the record at the maximum length. */
    public static final int TRUNCATED = 1;

    /** A record that is a block of whole lines still to be cut (internal: never seen by a reader). */
    private static final int UNCUT_LINES = 1 << 30;
    private static final byte[] NO_BYTES = {};
    private static final int[] NO_INTS = {};

    private final int maxRecords;
    private final int maxBytes;
    private byte[] data;
    private int used;
    private int count;
    private int[] starts;
    private int[] lengths;
    /*
     * Allocated when the first record that needs them is added (a flag, a source position): a
     * socket's records have neither, and these arrays were most of what a batch wrote per record
     * besides the bytes. Null: every record so far has flags 0, position and offset -1.
     */
    private int[] flags;
    private long[] positions;
    private long[] recordOffsets;
    /** How the blocks of uncut lines are cut (null: none added); {@link #uncut} is how many wait. */
    private WholeLines lines;
    private int uncut;

    public RawBatch(int maxRecords, int maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        // allocated on the first record (or by presize), so a batch sized by presize is allocated once
        this.data = NO_BYTES;
        this.starts = NO_INTS;
        this.lengths = NO_INTS;
    }

    /**
     * Makes room for about {@code bytes} bytes in {@code records} records before they are added (at
     * most the record limit, and the byte limit with an eighth more, as a batch filled to its byte
     * limit goes over it by its last record): an input that fills its batches alike (one connection's lines) sizes
     * each like the last ones, so its arrays are allocated once instead of grown by doubling, each
     * step a new array and a copy, and trimmed by another copy.
     */
    public void presize(int bytes, int records) {
        int wantBytes = (int) Math.min(bytes, maxBytes + maxBytes / 8L);
        if (wantBytes > data.length) data = Arrays.copyOf(data, wantBytes);
        int wantRecords = Math.min(records, maxRecords);
        if (wantRecords > starts.length) growRecords(wantRecords);
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
        if (used + len > data.length) {
            int first = data.length == 0 ? Math.min(maxBytes, 16 * 1024) : data.length * 2;
            data = Arrays.copyOf(data, Math.max(used + len, first));
        }
        int slot = used;
        index(slot, len, recordFlags, position, recordOffset);
        used += len;
        return slot;
    }

    /**
     * Makes room for a block of {@code len} bytes of whole lines (the last ends at its delimiter) that
     * {@code rule} cuts later, on the worker's thread; returns the offset where the caller writes it.
     * The block counts as one record toward {@link #isFull} until then. All blocks of a batch share one rule.
     */
    public int reserveLines(int len, WholeLines rule) {
        if (lines != null && lines != rule) throw new IllegalArgumentException("a batch's blocks share one rule");
        lines = rule;
        uncut++;
        return reserve(len, UNCUT_LINES, -1);
    }

    /** True while the batch holds blocks of lines not cut yet. */
    public boolean hasUncutLines() {
        return uncut != 0;
    }

    /**
     * Cuts every block of whole lines into its records, in place and in order (the bytes stay where
     * they are; only the record index is rebuilt). Done by the worker that took the batch; does nothing
     * when there is no block. The rule's counters (empty, truncated lines) are told here.
     */
    public void cutLines() {
        if (uncut == 0) return;
        int[] oldStarts = starts;
        int[] oldLengths = lengths;
        int[] oldFlags = flags;
        long[] oldPositions = positions;
        long[] oldOffsets = recordOffsets;
        int oldCount = count;
        // sized for lines of 128 bytes or more (log lines mostly are), so the index is rarely grown
        int guess = Math.max(oldCount, Math.max(64, used / 128));
        starts = new int[guess];
        lengths = new int[guess];
        flags = null;
        positions = null;
        recordOffsets = null;
        count = 0;
        uncut = 0;
        WholeLines.LineSink cut = (off, len, truncated) -> index(off, len, truncated ? TRUNCATED : 0, -1, -1);
        for (int i = 0; i < oldCount; i++) {
            int f = oldFlags == null ? 0 : oldFlags[i];
            if ((f & UNCUT_LINES) != 0) {
                lines.cut(data, oldStarts[i], oldStarts[i] + oldLengths[i], cut);
            } else {
                index(oldStarts[i], oldLengths[i], f, oldPositions == null ? -1 : oldPositions[i],
                        oldOffsets == null ? -1 : oldOffsets[i]);
            }
        }
    }

    /** Adds record {@code count} at {@code data[slot..slot+len)}, whose bytes are (or will be) there. */
    private void index(int slot, int len, int recordFlags, long position, long recordOffset) {
        if (count == starts.length) growRecords(count == 0 ? Math.min(maxRecords, 64) : count * 2);
        starts[count] = slot;
        lengths[count] = len;
        if (recordFlags != 0 || flags != null) flag(recordFlags);
        if (position != -1 || recordOffset != -1 || positions != null) place(position, recordOffset);
        count++;
    }

    private void flag(int recordFlags) {
        if (flags == null) flags = new int[starts.length];
        flags[count] = recordFlags;
    }

    private void place(long position, long recordOffset) {
        if (positions == null) {
            positions = new long[starts.length];
            recordOffsets = new long[starts.length];
            Arrays.fill(positions, 0, count, -1);
            Arrays.fill(recordOffsets, 0, count, -1);
        }
        positions[count] = position;
        recordOffsets[count] = recordOffset;
    }

    private void growRecords(int n) {
        n = Math.max(n, 8);
        starts = Arrays.copyOf(starts, n);
        lengths = Arrays.copyOf(lengths, n);
        if (flags != null) flags = Arrays.copyOf(flags, n);
        if (positions != null) {
            positions = Arrays.copyOf(positions, n);
            recordOffsets = Arrays.copyOf(recordOffsets, n);
        }
    }

    /**
     * Starts this empty batch in {@code scratch}, an array its caller reuses for batch after batch: the
     * records are written there, and {@link #detachScratch} copies them into an array of their exact size
     * before the batch is passed on. So a batch's bytes are one allocation of their size, written twice by
     * a plain copy, instead of an array sized by guess, grown by doubling and trimmed (each a new array and
     * a copy; 2.6x the bytes read on a busy syslog connection, docs/performance.md, "Session 7").
     */
    public void fillIn(byte[] scratch) {
        if (used != 0 || count != 0) throw new IllegalStateException("a batch starts in a scratch array only while empty");
        data = scratch;
    }

    /**
     * Moves the bytes out of the scratch array given to {@link #fillIn} (or of the array the batch grew)
     * into one of their exact size, and returns the array they were in for the caller's next batch; null
     * when it grew past twice the byte limit (a line longer than a batch), which is not worth keeping.
     */
    public byte[] detachScratch() {
        byte[] scratch = data;
        data = Arrays.copyOf(scratch, used);
        return scratch.length <= 2L * maxBytes ? scratch : null;
    }

    public boolean isFull() {
        return count >= maxRecords || used >= maxBytes;
    }

    /** Bytes still to add before the batch is full by its byte limit (0 when it is). */
    public int room() {
        return Math.max(0, maxBytes - used);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The number of records (cutting any block of lines first). */
    public int size() {
        cutLines();
        return count;
    }

    /** Records as added, a block of uncut lines counting one: what the reading side sizes by, without cutting. */
    public int recordSlots() { return count; }
    public int byteSize() { return used; }
    public byte[] data() { return data; }
    public int start(int i) {
        cutLines();
        return starts[i];
    }

    public int length(int i) {
        cutLines();
        return lengths[i];
    }

    public int flags(int i) {
        cutLines();
        Objects.checkIndex(i, count);
        return flags == null ? 0 : flags[i];
    }

    public long position(int i) {
        cutLines();
        Objects.checkIndex(i, count);
        return positions == null ? -1 : positions[i];
    }

    /** Where record {@code i} starts in its source ({@code log.offset}), -1 when unknown. */
    public long recordOffset(int i) {
        cutLines();
        Objects.checkIndex(i, count);
        return recordOffsets == null ? -1 : recordOffsets[i];
    }

    /** Position of the last record, reported to the source's {@link AckListener}. */
    public long lastPosition() {
        return size() == 0 ? -1 : position(count - 1);
    }
}
