package io.sluice.core.buffer;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.core.health.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * A sink's durable buffer: a segmented append-only log in one directory ({@code <data_dir>/outputs/<id>/buffer/}),
 * each record with its length and a CRC32C ({@link RecordFormat}). Records are read in append order and
 * acknowledged with their {@link RecordPosition}; the acknowledged position is persisted ({@code read.pos},
 * written atomically) and segments are deleted once every record in them is acknowledged. After a restart the
 * reader resumes at the persisted position: unacknowledged records are read again (at least once).
 *
 * <p>Damage never stops {@link #open}: a torn or zero-filled or garbage tail is truncated, a bad record in the
 * middle is skipped to the next intact one; every damaged range is logged with what the operator should know,
 * counted in {@link #counters()} and copied to {@code quarantine/} first. See {@link #inspect} and {@link #repair}
 * for the offline tools.
 *
 * <p>Threads: any number of appenders (serialized inside), one reader at a time ({@link #read}), acknowledgements
 * from any thread and in any order (the position advances over the acknowledged prefix). Appends are bounded by
 * {@link DiskBufferSettings#maxBytes()}: {@link #append} blocks while full, {@link #tryAppend} returns false.
 * A record larger than the bound is still taken when the buffer is empty, so no size can wedge it.
 *
 * <p>This class only opens, wires and closes the parts, each with one job and at most one lock:
 * {@link BufferRecovery} (what is on disk at open), {@link SegmentTable} (the segments, room and acknowledged
 * position in memory: the lock the others share), {@link SegmentWriter} (appends), {@link GroupCommit} (fsync),
 * {@link SegmentReader} (reads and damage skipping), {@link AcknowledgedPosition} ({@code read.pos} and segment
 * deletion), {@link FsyncTimer} ({@code interval}), {@link DiskBufferCounters} and {@link DiskBufferMetrics}.
 */
public final class DiskBuffer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);

    private final Path dir;
    private final DiskBufferSettings settings;
    private final DiskBufferCounters counters = new DiskBufferCounters();
    private final DirectoryLock lock;
    private final SegmentTable table;
    private final SegmentWriter writer;
    private final GroupCommit commit;
    private final SegmentReader reader;
    private final AcknowledgedPosition position;
    private final FsyncTimer timer; // null with fsync batch

    /**
     * Opens (or creates) the buffer in {@code dir}, recovering from any damage. Throws only when the directory
     * cannot be used at all (not writable, or locked by another process).
     */
    public static DiskBuffer open(Path dir, DiskBufferSettings settings) throws IOException {
        Files.createDirectories(dir);
        DirectoryLock lock = DirectoryLock.acquire(dir);
        try {
            return new DiskBuffer(dir, settings, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private DiskBuffer(Path dir, DiskBufferSettings settings, DirectoryLock lock) throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.lock = lock;
        String name = settings.name() != null ? settings.name() : String.valueOf(dir.getFileName());
        RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);
        Quarantine quarantine = new Quarantine(dir);
        DamageLog damageLog = new DamageLog(name, counters);

        BufferRecovery found = BufferRecovery.run(dir, name, quarantine, damageLog, counters);
        List<Segment> kept = new ArrayList<>();
        for (BufferRecovery.Kept k : found.segments) {
            kept.add(new Segment(k.id(), SegmentFiles.path(dir, k.id()), k.size(), true, k.skips()));
        }
        RandomAccessFile file = SegmentWriter.createSegment(dir, found.newSegmentId);
        Segment active = Segment.empty(dir, found.newSegmentId);
        table = new SegmentTable(kept, active, found.position, found.records, settings.maxBytes(), counters);
        commit = new GroupCommit(file, name, counters, rateLimited);
        writer = new SegmentWriter(dir, name, settings, counters, rateLimited, table, commit, active, file,
                found.nextSeq);
        position = new AcknowledgedPosition(dir, name, settings.fsync(), counters, rateLimited, table);
        reader = new SegmentReader(name, counters, quarantine, damageLog, table, position, found.position);
        position.deleteAcknowledged();
        timer = settings.fsync() == FsyncPolicy.INTERVAL
                ? FsyncTimer.start(name, settings.fsyncInterval(), commit, position) : null;
    }

    // ---------------------------------------------------------------- appending

    /**
     * Appends the payload as one record, blocking while the buffer is full ({@code when_full: block}) and, when
     * the disk cannot be written (full), retrying every second: backpressure, not a crash. With fsync
     * {@code batch} it returns once the record is on the disk. False only when the buffer was closed meanwhile.
     */
    public boolean append(byte[] payload, int offset, int length) throws InterruptedException {
        Objects.checkFromIndexSize(offset, length, payload.length);
        return writer.write(length, (buf, at) -> System.arraycopy(payload, offset, buf, at, length), true);
    }

    /** Appends only if there is room now ({@code when_full: drop_newest}); false when full (counted). */
    public boolean tryAppend(byte[] payload, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        return tryWrite(length, (buf, at) -> System.arraycopy(payload, offset, buf, at, length));
    }

    /** Appends the events as one record (read back with {@link BufferRecord#events()}); blocks like {@link #append}. */
    public boolean appendEvents(EventSlices events) throws InterruptedException {
        return writer.write(EventsPayload.size(events), (buf, at) -> EventsPayload.write(events, buf, at), true);
    }

    /** Appends the events as one record if there is room now; false when full (counted). */
    public boolean tryAppendEvents(EventSlices events) {
        return tryWrite(EventsPayload.size(events), (buf, at) -> EventsPayload.write(events, buf, at));
    }

    private boolean tryWrite(long payloadSize, SegmentWriter.PayloadWriter payload) {
        try {
            return writer.write(payloadSize, payload, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * The next record in append order, waiting up to the timeout for one; null on timeout or when closed.
     * Damage found while reading (the disk changed since the record was written) is skipped, reported, counted
     * and quarantined like damage found on open.
     */
    public BufferRecord read(long timeout, TimeUnit unit) throws InterruptedException {
        return reader.read(timeout, unit);
    }

    /**
     * A group of records for one send, like the memory buffer's {@code takeGroup}: waits up to
     * {@code firstWaitMillis} for the first record, then for up to {@code maxDelayMillis} more while the group
     * holds fewer than {@code maxEvents} events (counted by {@code eventsOf}) and {@code maxBytes} payload bytes.
     * The last record may take the group past a limit (records are never split). Empty when none came.
     */
    public List<BufferRecord> readGroup(long firstWaitMillis, long maxDelayMillis, int maxEvents, long maxBytes,
                                        ToIntFunction<BufferRecord> eventsOf) throws InterruptedException {
        return reader.readGroup(firstWaitMillis, maxDelayMillis, maxEvents, maxBytes, eventsOf);
    }

    // ---------------------------------------------------------------- acknowledging

    /**
     * The record at this position is delivered. Acknowledgements may arrive in any order; the persisted read
     * position advances over the acknowledged prefix (every acknowledgement with fsync {@code batch}, on the
     * timer with {@code interval}), and segments behind it are deleted. Acknowledging twice is harmless.
     *
     * @throws IllegalArgumentException for a position that was not read yet
     */
    public void ack(RecordPosition position) {
        this.position.ack(position);
    }

    // ---------------------------------------------------------------- the rest

    /** Forces appended records to the disk and persists the read position now (graceful shutdown, tools). */
    public void flush() throws IOException {
        commit.syncAll();
        position.persist();
    }

    /** Bytes appended and not yet acknowledged (what max_bytes bounds). */
    public long usedBytes() {
        return table.usedBytes();
    }

    public long maxBytes() {
        return settings.maxBytes();
    }

    /** Records appended and not yet acknowledged (read or not). */
    public long pendingRecords() {
        return table.pendingRecords();
    }

    /** Segment files, the one being appended to included. */
    public int segmentCount() {
        return table.segmentCount();
    }

    public Path directory() {
        return dir;
    }

    public DiskBufferCounters counters() {
        return counters;
    }

    /** Registers the counters and gauges ({@code sluice.buffer.disk.*}, tag {@code output}). */
    public void bindMetrics(MeterRegistry registry, String outputId) {
        DiskBufferMetrics.bind(this, registry, outputId);
    }

    /**
     * Forces what was appended to the disk, persists the read position and releases the directory. Blocked
     * appenders and readers return false / null.
     */
    @Override
    public void close() throws IOException {
        if (!table.close()) return;
        if (timer != null) timer.close();
        IOException failure = null;
        try {
            writer.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            position.persist();
        } catch (IOException e) {
            if (failure == null) failure = e;
        }
        reader.close();
        lock.close();
        if (failure != null) throw failure;
    }

    /** Reads a buffer directory without changing it: segments, records, bytes, times, damage. */
    public static BufferReport inspect(Path dir) throws IOException {
        return BufferTools.inspect(dir);
    }

    /**
     * Repairs a buffer directory that no process has open: quarantines and truncates damaged tails, rewrites
     * segments with damage in the middle without it, and rewrites a damaged read position.
     */
    public static BufferReport repair(Path dir) throws IOException {
        return BufferTools.repair(dir);
    }
}
