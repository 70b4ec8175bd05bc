package io.sluice.core.buffer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sluice.core.health.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

import static io.sluice.core.buffer.RecordFormat.HEADER_BYTES;

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
 */
public final class DiskBuffer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);

    /** A segment file; size is the bytes written completely (the reader never reads past it). */
    private static final class Segment {
        final long id;
        final Path path;
        long size;
        boolean sealed;
        final TreeMap<Long, Long> skips;

        Segment(long id, Path path, long size, boolean sealed, TreeMap<Long, Long> skips) {
            this.id = id;
            this.path = path;
            this.size = size;
            this.sealed = sealed;
            this.skips = skips;
        }
    }

    /** Puts a payload into the record buffer at the given index. */
    private interface PayloadWriter {
        void write(byte[] buf, int at);
    }

    private final Path dir;
    private final String name;
    private final DiskBufferSettings settings;
    private final DiskBufferCounters counters = new DiskBufferCounters();
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);
    private final Quarantine quarantine;
    private final DamageLog damageLog;
    private final DirectoryLock lock;

    // Guarded by state: the segments, the committed sizes, the acknowledged position.
    private final ReentrantLock state = new ReentrantLock();
    private final Condition space = state.newCondition();
    private final Condition data = state.newCondition();
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private Segment active;
    private RandomAccessFile writeFile;
    private long lastWrittenSeq = -1;
    private long reserved;
    private long pendingRecords;
    private PositionFile.Pos ackPos;
    private boolean closed;

    // Appenders, one at a time.
    private final ReentrantLock appendLock = new ReentrantLock();
    private long nextSeq;
    private byte[] writeBuf = new byte[64 * 1024];

    // Group commit: appenders that finish together share one fsync.
    private final Object syncMonitor = new Object();
    private final AtomicLong durableSeq = new AtomicLong(-1);

    // The reader, one at a time.
    private final Object readMonitor = new Object();
    private long readSegment;
    private long readOffset;
    private RandomAccessFile readFile;
    private long readFileId = -1;
    private final byte[] readHeader = new byte[HEADER_BYTES];
    private final AckWindow window = new AckWindow();

    private final Object persistMonitor = new Object();
    private PositionFile.Pos persisted;
    private final ScheduledExecutorService timer;

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
        this.name = settings.name() != null ? settings.name() : String.valueOf(dir.getFileName());
        this.lock = lock;
        this.quarantine = new Quarantine(dir);
        this.damageLog = new DamageLog(name, counters);
        recover();
        if (settings.fsync() == FsyncPolicy.INTERVAL) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "disk-buffer-" + name + "-sync");
                t.setDaemon(true);
                return t;
            });
            long every = settings.fsyncInterval().toMillis();
            timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    private void recover() throws IOException {
        BufferRecovery found = BufferRecovery.run(dir, name, quarantine, damageLog, counters);
        for (BufferRecovery.Kept k : found.segments) {
            segments.put(k.id(), new Segment(k.id(), SegmentFiles.path(dir, k.id()), k.size(), true, k.skips()));
        }
        nextSeq = found.nextSeq;
        pendingRecords = found.records;
        Path path = SegmentFiles.path(dir, found.newSegmentId);
        writeFile = new RandomAccessFile(path.toFile(), "rw");
        writeFile.setLength(0);
        SegmentFiles.syncDirectory(dir);
        active = new Segment(found.newSegmentId, path, 0, false, new TreeMap<>());
        segments.put(active.id, active);
        ackPos = found.position;
        readSegment = ackPos.segment();
        readOffset = ackPos.offset();
        deleteFiles(collectAcknowledged());
    }

    // ---------------------------------------------------------------- appending

    /**
     * Appends the payload as one record, blocking while the buffer is full ({@code when_full: block}) and, when
     * the disk cannot be written (full), retrying every second: backpressure, not a crash. With fsync
     * {@code batch} it returns once the record is on the disk. False only when the buffer was closed meanwhile.
     */
    public boolean append(byte[] payload, int offset, int length) throws InterruptedException {
        Objects.checkFromIndexSize(offset, length, payload.length);
        return write(length, (buf, at) -> System.arraycopy(payload, offset, buf, at, length), true);
    }

    /** Appends only if there is room now ({@code when_full: drop_newest}); false when full (counted). */
    public boolean tryAppend(byte[] payload, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        return tryWrite(length, (buf, at) -> System.arraycopy(payload, offset, buf, at, length));
    }

    /** Appends the events as one record (read back with {@link BufferRecord#events()}); blocks like {@link #append}. */
    public boolean appendEvents(EventSlices events) throws InterruptedException {
        return write(EventsPayload.size(events), (buf, at) -> EventsPayload.write(events, buf, at), true);
    }

    /** Appends the events as one record if there is room now; false when full (counted). */
    public boolean tryAppendEvents(EventSlices events) {
        return tryWrite(EventsPayload.size(events), (buf, at) -> EventsPayload.write(events, buf, at));
    }

    private boolean tryWrite(long payloadSize, PayloadWriter writer) {
        try {
            return write(payloadSize, writer, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean write(long payloadSize, PayloadWriter writer, boolean block) throws InterruptedException {
        if (payloadSize > RecordFormat.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a disk-buffer record holds at most " + RecordFormat.MAX_PAYLOAD
                    + " bytes; this one has " + payloadSize);
        }
        int total = HEADER_BYTES + (int) payloadSize;
        // Room is reserved before the write and waited for without holding the append lock, so that a blocked
        // appender never holds up a drop_newest append or close().
        if (!reserve(total, block)) return false;
        long seq;
        try {
            while (true) {
                IOException failure;
                if (block) appendLock.lockInterruptibly(); else appendLock.lock();
                try {
                    if (isClosed()) return false;
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
            release(total);
        }
        counters.recordsAppended.increment();
        counters.bytesAppended.add(total);
        if (settings.fsync() == FsyncPolicy.BATCH) {
            try {
                syncUpTo(seq);
            } catch (IOException e) {
                counters.fsyncErrors.increment();
                rateLimited.error("fsync", "disk buffer {}: fsync failed ({}); records written since the last "
                        + "successful fsync may be lost if the machine crashes; check the disk", name, e.toString());
            }
        }
        return true;
    }

    private boolean isClosed() {
        state.lock();
        try {
            return closed;
        } finally {
            state.unlock();
        }
    }

    private byte[] recordBuffer(int total) {
        if (writeBuf.length < total) writeBuf = new byte[Math.max(total, writeBuf.length * 2)];
        return writeBuf;
    }

    /** Waits for room (block) or gives up (drop_newest), then reserves it; false when refused or closed. */
    private boolean reserve(int total, boolean block) throws InterruptedException {
        state.lock();
        try {
            boolean waited = false;
            while (!closed && isFull(total)) {
                if (!block) {
                    counters.appendsRefused.increment();
                    return false;
                }
                if (!waited) counters.appendsBlocked.increment();
                waited = true;
                space.await();
            }
            if (closed) return false;
            reserved += total;
            return true;
        } finally {
            state.unlock();
        }
    }

    private void release(int total) {
        state.lock();
        try {
            reserved -= total;
            space.signalAll();
        } finally {
            state.unlock();
        }
    }

    private boolean isFull(int total) {
        long used = usedBytesLocked() + reserved;
        return used > 0 && used + total > settings.maxBytes();
    }

    private void writeRecord(byte[] buf, int total, long seq) throws IOException {
        rollIfNeeded(total);
        long at = active.size; // only appenders change it, and they hold appendLock
        writeFile.seek(at);
        writeFile.write(buf, 0, total);
        state.lock();
        try {
            active.size = at + total;
            lastWrittenSeq = seq;
            pendingRecords++;
            data.signalAll();
        } finally {
            state.unlock();
        }
    }

    /** Cuts a partial record off (under the append lock); readers never read past the size anyway. */
    private void dropPartialWrite() {
        try {
            writeFile.setLength(active.size);
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
        state.lock();
        try {
            if (!closed) space.await(1, TimeUnit.SECONDS);
            return !closed;
        } finally {
            state.unlock();
        }
    }

    private void rollIfNeeded(int total) throws IOException {
        if (active.size == 0 || active.size + total <= settings.segmentBytes()) return;
        writeFile.getFD().sync(); // a sealed segment is always on the disk, whatever the policy
        counters.fsyncs.increment();
        durableSeq.accumulateAndGet(lastWrittenSeq, Math::max);
        long id = active.id + 1;
        Path path = SegmentFiles.path(dir, id);
        RandomAccessFile next = new RandomAccessFile(path.toFile(), "rw");
        next.setLength(0);
        SegmentFiles.syncDirectory(dir);
        RandomAccessFile old;
        state.lock();
        try {
            active.sealed = true;
            active = new Segment(id, path, 0, false, new TreeMap<>());
            segments.put(id, active);
            old = writeFile;
            writeFile = next;
            data.signalAll();
        } finally {
            state.unlock();
        }
        old.close();
    }

    /** Forces everything written up to {@code seq} to the disk; one fsync covers every appender waiting. */
    private void syncUpTo(long seq) throws IOException {
        synchronized (syncMonitor) {
            if (durableSeq.get() >= seq) return;
            RandomAccessFile file;
            long upTo;
            state.lock();
            try {
                file = writeFile;
                upTo = lastWrittenSeq;
            } finally {
                state.unlock();
            }
            try {
                file.getFD().sync();
                counters.fsyncs.increment();
            } catch (IOException e) {
                // A roll closed it after forcing it (and recording that); otherwise a real failure.
                if (durableSeq.get() < seq) throw e;
            }
            durableSeq.accumulateAndGet(upTo, Math::max);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * The next record in append order, waiting up to the timeout for one; null on timeout or when closed.
     * Damage found while reading (the disk changed since the record was written) is skipped, reported, counted
     * and quarantined like damage found on open.
     */
    public BufferRecord read(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (readMonitor) {
            while (true) {
                Segment seg;
                long limit;
                Long skipTo;
                state.lock();
                try {
                    while (true) {
                        if (closed) return null;
                        Map.Entry<Long, Segment> e = segments.ceilingEntry(readSegment);
                        seg = e.getValue(); // the active segment is always there
                        if (seg.id != readSegment) {
                            readSegment = seg.id;
                            readOffset = 0;
                        }
                        if (readOffset < seg.size) break;
                        if (seg.sealed) {
                            readSegment = seg.id + 1;
                            readOffset = 0;
                            continue;
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) return null;
                        data.awaitNanos(left);
                    }
                    limit = seg.size;
                    skipTo = seg.skips.get(readOffset);
                } finally {
                    state.unlock();
                }
                if (skipTo != null) {
                    readOffset = skipTo;
                    advance(window.skip(seg.id, skipTo));
                    continue;
                }
                BufferRecord r = readAt(seg, limit);
                if (r != null) {
                    counters.recordsRead.increment();
                    return r;
                }
            }
        }
    }

    /**
     * A group of records for one send, like the memory buffer's {@code takeGroup}: waits up to
     * {@code firstWaitMillis} for the first record, then for up to {@code maxDelayMillis} more while the group
     * holds fewer than {@code maxEvents} events (counted by {@code eventsOf}) and {@code maxBytes} payload bytes.
     * The last record may take the group past a limit (records are never split). Empty when none came.
     */
    public List<BufferRecord> readGroup(long firstWaitMillis, long maxDelayMillis, int maxEvents, long maxBytes,
                                        ToIntFunction<BufferRecord> eventsOf) throws InterruptedException {
        List<BufferRecord> group = new ArrayList<>();
        BufferRecord first = read(firstWaitMillis, TimeUnit.MILLISECONDS);
        if (first == null) return group;
        group.add(first);
        long events = eventsOf.applyAsInt(first);
        long bytes = first.payload().length;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxDelayMillis);
        while (events < maxEvents && bytes < maxBytes) {
            long left = deadline - System.nanoTime();
            BufferRecord next = read(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (next == null) break;
            group.add(next);
            events += eventsOf.applyAsInt(next);
            bytes += next.payload().length;
        }
        return group;
    }

    private BufferRecord readAt(Segment seg, long limit) {
        long pos = readOffset;
        try {
            RandomAccessFile f = readFile(seg);
            if (limit - pos >= HEADER_BYTES) {
                SegmentScanner.readFully(f, pos, readHeader, HEADER_BYTES);
                RecordFormat.Header h = RecordFormat.parse(readHeader, pos);
                if (h != null && h.end() <= limit) {
                    byte[] payload = new byte[h.length()];
                    SegmentScanner.readFully(f, pos + HEADER_BYTES, payload, h.length());
                    if (RecordFormat.crcMatches(readHeader, payload, h.length(), h.crc())) {
                        RecordPosition p = new RecordPosition(seg.id, pos, h.end(), h.seq());
                        window.read(h.seq(), seg.id, h.end());
                        readOffset = h.end();
                        return new BufferRecord(p, h.appendMillis(), payload);
                    }
                }
            }
            skipDamage(seg, f, pos, limit);
        } catch (IOException e) {
            BufferDamage d = new BufferDamage(SegmentFiles.name(seg.id), pos, limit - pos, DamageKind.UNREADABLE,
                    -1, null, false);
            damageLog.report(d, "while reading (" + e + ")");
            readOffset = limit;
            advance(window.skip(seg.id, limit));
        }
        return null;
    }

    private void skipDamage(Segment seg, RandomAccessFile f, long pos, long limit) throws IOException {
        SegmentScanner scanner = new SegmentScanner(f, limit);
        long next = scanner.findNext(pos + 1);
        long to = next < 0 ? limit : next;
        DamageKind kind = next < 0 ? scanner.classifyTail(pos) : DamageKind.CORRUPT_RECORDS;
        String kept = null;
        try {
            kept = quarantine.keep(f, SegmentFiles.name(seg.id), pos, to - pos).toString();
        } catch (IOException e) {
            LOG.error("disk buffer {}: could not quarantine damaged bytes: {}", name, e.toString());
        }
        damageLog.report(new BufferDamage(SegmentFiles.name(seg.id), pos, to - pos, kind, -1, kept, false), "while reading");
        readOffset = to;
        advance(window.skip(seg.id, to));
    }

    private RandomAccessFile readFile(Segment seg) throws IOException {
        if (readFileId != seg.id) {
            RandomAccessFile old = readFile;
            readFile = null;
            readFileId = -1;
            if (old != null) old.close();
            readFile = new RandomAccessFile(seg.path.toFile(), "r");
            readFileId = seg.id;
        }
        return readFile;
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
        AckWindow.Advance a = window.ack(position.seq());
        counters.recordsAcked.increment();
        advance(a);
    }

    private void advance(AckWindow.Advance a) {
        if (a == null) return;
        List<Segment> done;
        state.lock();
        try {
            if (closed) return; // the directory may belong to someone else now; these records come again
            PositionFile.Pos next = new PositionFile.Pos(a.segment(), a.end(),
                    a.lastSeq() >= 0 ? a.lastSeq() + 1 : ackPos.nextSeq());
            if (!next.isAfter(ackPos)) return;
            ackPos = next;
            pendingRecords -= a.records();
            done = collectAcknowledged();
            space.signalAll();
        } finally {
            state.unlock();
        }
        if (settings.fsync() == FsyncPolicy.BATCH || !done.isEmpty()) persistQuietly();
        deleteFiles(done);
    }

    /** Removes (under the state lock) the sealed segments every record of which is acknowledged. */
    private List<Segment> collectAcknowledged() {
        List<Segment> done = new ArrayList<>();
        for (Segment s : segments.values()) {
            if (s == active) break;
            // In order: behind the position, or ending at it, or empty (left by a restart) right after it.
            if (s.id < ackPos.segment() || (s.id == ackPos.segment() && ackPos.offset() >= s.size) || s.size == 0) {
                done.add(s);
            } else {
                break;
            }
        }
        for (Segment s : done) segments.remove(s.id);
        return done;
    }

    private void deleteFiles(List<Segment> done) {
        for (Segment s : done) deleteFile(s.path);
    }

    private void deleteFile(Path path) {
        try {
            Files.deleteIfExists(path);
            counters.segmentsDeleted.increment();
        } catch (IOException e) {
            rateLimited.warn("delete", "disk buffer {}: cannot delete acknowledged segment {} ({}); it will be "
                    + "deleted on the next start", name, path, e.toString());
        }
    }

    private void persistQuietly() {
        try {
            persistPosition();
        } catch (IOException e) {
            counters.positionErrors.increment();
            rateLimited.error("position", "disk buffer {}: cannot persist the read position in {} ({}); after a "
                    + "restart records may be delivered again", name, dir, e.toString());
        }
    }

    private void persistPosition() throws IOException {
        synchronized (persistMonitor) {
            PositionFile.Pos p;
            state.lock();
            try {
                p = ackPos;
            } finally {
                state.unlock();
            }
            if (p.equals(persisted)) return;
            PositionFile.write(dir, p);
            persisted = p;
        }
    }

    // ---------------------------------------------------------------- the rest

    private void tick() {
        try {
            long upTo;
            state.lock();
            try {
                upTo = lastWrittenSeq;
            } finally {
                state.unlock();
            }
            syncUpTo(upTo);
        } catch (IOException e) {
            counters.fsyncErrors.increment();
            rateLimited.error("fsync", "disk buffer {}: fsync failed ({}); records written since the last successful "
                    + "fsync may be lost if the machine crashes; check the disk", name, e.toString());
        } catch (RuntimeException e) {
            LOG.error("disk buffer {}: fsync timer failed unexpectedly; this is a bug", name, e);
        }
        persistQuietly();
    }

    /** Forces appended records to the disk and persists the read position now (graceful shutdown, tools). */
    public void flush() throws IOException {
        long upTo;
        state.lock();
        try {
            upTo = lastWrittenSeq;
        } finally {
            state.unlock();
        }
        syncUpTo(upTo);
        persistPosition();
    }

    /** Bytes appended and not yet acknowledged (what max_bytes bounds). */
    public long usedBytes() {
        state.lock();
        try {
            return usedBytesLocked();
        } finally {
            state.unlock();
        }
    }

    private long usedBytesLocked() {
        long used = 0;
        for (Segment s : segments.tailMap(ackPos.segment(), true).values()) used += s.size;
        if (segments.containsKey(ackPos.segment())) used -= ackPos.offset();
        return used;
    }

    public long maxBytes() {
        return settings.maxBytes();
    }

    /** Records appended and not yet acknowledged (read or not). */
    public long pendingRecords() {
        state.lock();
        try {
            return pendingRecords;
        } finally {
            state.unlock();
        }
    }

    /** Segment files, the one being appended to included. */
    public int segmentCount() {
        state.lock();
        try {
            return segments.size();
        } finally {
            state.unlock();
        }
    }

    public Path directory() {
        return dir;
    }

    public DiskBufferCounters counters() {
        return counters;
    }

    /** Registers the counters and gauges ({@code sluice.buffer.disk.*}, tag {@code output}). */
    public void bindMetrics(MeterRegistry registry, String outputId) {
        Tags tags = Tags.of("output", outputId);
        counters.bindTo(registry, tags);
        Gauge.builder("sluice.buffer.disk.bytes", this, DiskBuffer::usedBytes).tags(tags)
                .description("bytes appended and not yet acknowledged").register(registry);
        Gauge.builder("sluice.buffer.disk.max.bytes", this, DiskBuffer::maxBytes).tags(tags).register(registry);
        Gauge.builder("sluice.buffer.disk.records", this, DiskBuffer::pendingRecords).tags(tags)
                .description("records appended and not yet acknowledged").register(registry);
        Gauge.builder("sluice.buffer.disk.segments", this, DiskBuffer::segmentCount).tags(tags).register(registry);
    }

    /**
     * Forces what was appended to the disk, persists the read position and releases the directory. Blocked
     * appenders and readers return false / null.
     */
    @Override
    public void close() throws IOException {
        state.lock();
        try {
            if (closed) return;
            closed = true;
            space.signalAll();
            data.signalAll();
        } finally {
            state.unlock();
        }
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        IOException failure = null;
        appendLock.lock();
        try {
            writeFile.getFD().sync();
            writeFile.close();
        } catch (IOException e) {
            failure = e;
        } finally {
            appendLock.unlock();
        }
        try {
            persistPosition();
        } catch (IOException e) {
            if (failure == null) failure = e;
        }
        synchronized (readMonitor) {
            if (readFile != null) readFile.close();
        }
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
