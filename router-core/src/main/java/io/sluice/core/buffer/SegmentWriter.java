package io.sluice.core.buffer;

import io.sluice.core.health.RateLimitedLog;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

import static io.sluice.core.buffer.RecordFormat.HEADER_BYTES;

/**
 * Appends records to the active segment of a {@link DiskBuffer}: reserves room first (blocking or refusing when
 * full), seals each record with its sequence number and CRC, rolls to a fresh segment when the active one is full
 * (forcing the old one to the disk), forces the record with fsync {@code batch}, and rides out a full disk by
 * retrying every second (block) or refusing (drop_newest).
 *
 * <p>Threads: any number of appenders; {@code appendLock} lets one at a time write, and guards the sequence
 * number, the record buffer, the active segment's file and its write offset. Room is reserved and waited for in the
 * {@link SegmentTable} without holding it, so that a blocked appender never holds up a drop_newest append or
 * close; the fsync of {@code batch} runs after it too ({@link GroupCommit}), so appenders that finish together
 * share one.
 */
final class SegmentWriter {
    /** Puts a payload into the record buffer at the given index. */
    interface PayloadWriter {
        void write(byte[] buf, int at);
    }

    private final Path dir;
    private final String name;
    private final DiskBufferSettings settings;
    private final DiskBufferCounters counters;
    private final RateLimitedLog rateLimited;
    private final SegmentTable table;
    private final GroupCommit commit;

    private final ReentrantLock appendLock = new ReentrantLock();
    private long nextSeq;
    private byte[] writeBuf = new byte[64 * 1024];
    private Segment active;
    private RandomAccessFile file;

    /** Creates the fresh segment {@code id} that appends start in (never after a tail that may be damaged). */
    static RandomAccessFile createSegment(Path dir, long id) throws IOException {
        RandomAccessFile f = new RandomAccessFile(SegmentFiles.path(dir, id).toFile(), "rw");
        f.setLength(0);
        SegmentFiles.syncDirectory(dir);
        return f;
    }

    SegmentWriter(Path dir, String name, DiskBufferSettings settings, DiskBufferCounters counters,
                  RateLimitedLog rateLimited, SegmentTable table, GroupCommit commit, Segment active,
                  RandomAccessFile file, long nextSeq) {
        this.dir = dir;
        this.name = name;
        this.settings = settings;
        this.counters = counters;
        this.rateLimited = rateLimited;
        this.table = table;
        this.commit = commit;
        this.active = active;
        this.file = file;
        this.nextSeq = nextSeq;
    }

    /**
     * Writes one record of {@code payloadSize} bytes that {@code writer} fills. With {@code block} it waits for
     * room and retries a failed write every second; without it, it refuses (counted). False when refused or
     * closed meanwhile.
     */
    boolean write(long payloadSize, PayloadWriter writer, boolean block) throws InterruptedException {
        if (payloadSize > RecordFormat.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a disk-buffer record holds at most " + RecordFormat.MAX_PAYLOAD
                    + " bytes; this one has " + payloadSize);
        }
        int total = HEADER_BYTES + (int) payloadSize;
        if (!table.reserve(total, block)) return false;
        long seq;
        try {
            while (true) {
                IOException failure;
                if (block) appendLock.lockInterruptibly(); else appendLock.lock();
                try {
                    if (table.isClosed()) return false;
                    seq = nextSeq;
                    byte[] buf = recordBuffer(total);
                    writer.write(buf, HEADER_BYTES);
                    RecordFormat.seal(buf, (int) payloadSize, seq, System.currentTimeMillis());
                    try {
                        writeRecord(buf, total, seq);
                        nextSeq++;
                        break;
                    } catch (IOException e) {
                        failure = e;
                        dropPartialWrite();
                    }
                } finally {
                    appendLock.unlock();
                }
                if (!writeFailed(failure, block)) return false;
            }
        } finally {
            table.release(total);
        }
        counters.recordsAppended.increment();
        counters.bytesAppended.add(total);
        if (settings.fsync() == FsyncPolicy.BATCH) commit.syncQuietly(seq);
        return true;
    }

    private byte[] recordBuffer(int total) {
        if (writeBuf.length < total) writeBuf = new byte[Math.max(total, writeBuf.length * 2)];
        return writeBuf;
    }

    private void writeRecord(byte[] buf, int total, long seq) throws IOException {
        rollIfNeeded(total);
        long at = active.size; // only appenders change it, and they hold appendLock
        file.seek(at);
        file.write(buf, 0, total);
        table.appended(at + total);
        commit.written(file, seq);
    }

    /** Cuts a partial record off (under the append lock); readers never read past the size anyway. */
    private void dropPartialWrite() {
        try {
            file.setLength(active.size);
        } catch (IOException ignored) {
            // the next write at the same offset overwrites it
        }
    }

    /** Decides what a failed write means: retry after a pause (block) or refuse (drop_newest). */
    private boolean writeFailed(IOException e, boolean block) throws InterruptedException {
        counters.writeErrors.increment();
        rateLimited.error("write", "disk buffer {}: cannot write to {} ({}); is the disk full? {}", name, dir,
                e.toString(), block ? "pushing back to the inputs and retrying every second"
                        : "dropping new events as configured (when_full: drop_newest)");
        if (!block) {
            counters.appendsRefused.increment();
            return false;
        }
        return table.awaitRetry();
    }

    private void rollIfNeeded(int total) throws IOException {
        if (active.size == 0 || active.size + total <= settings.segmentBytes()) return;
        file.getFD().sync(); // a sealed segment is always on the disk, whatever the policy
        counters.fsyncs.increment();
        commit.sealed();
        long id = active.id + 1;
        RandomAccessFile next = createSegment(dir, id);
        Segment segment = Segment.empty(dir, id);
        table.rolled(segment);
        RandomAccessFile old = file;
        active = segment;
        file = next;
        commit.rolledTo(next);
        old.close();
    }

    /** Forces the active segment to the disk and closes it; appends after this return false. */
    void close() throws IOException {
        appendLock.lock();
        try {
            file.getFD().sync();
            file.close();
        } finally {
            appendLock.unlock();
        }
    }
}
