package io.sluice.core.buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import static io.sluice.core.buffer.RecordFormat.HEADER_BYTES;

/**
 * Reads the records of a {@link DiskBuffer} in append order from where the acknowledged position was at open,
 * segment after segment, checking each record's CRC. Damage is skipped to the next intact record: ranges recovery
 * found are jumped over, damage found while reading (the disk changed since the record was written) is located
 * with {@link SegmentScanner}, quarantined, reported and counted like damage found on open. Every record read and
 * every range skipped enters the acknowledgement window ({@link AcknowledgedPosition}).
 *
 * <p>Threads: several sink threads may read; {@code lock} lets one at a time, and guards the read position and
 * the open segment file. Waiting for data happens in the {@link SegmentTable}, holding {@code lock} (a second
 * reader would find nothing else to read anyway).
 */
final class SegmentReader {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);

    private final String name;
    private final DiskBufferCounters counters;
    private final Quarantine quarantine;
    private final DamageLog damageLog;
    private final SegmentTable table;
    private final AcknowledgedPosition position;

    private final Object lock = new Object();
    private long readSegment;
    private long readOffset;
    private RandomAccessFile readFile;
    private long readFileId = -1;
    private final byte[] readHeader = new byte[HEADER_BYTES];

    SegmentReader(String name, DiskBufferCounters counters, Quarantine quarantine, DamageLog damageLog,
                  SegmentTable table, AcknowledgedPosition position, PositionFile.Pos start) {
        this.name = name;
        this.counters = counters;
        this.quarantine = quarantine;
        this.damageLog = damageLog;
        this.table = table;
        this.position = position;
        this.readSegment = start.segment();
        this.readOffset = start.offset();
    }

    /** The next record in append order, waiting up to the timeout for one; null on timeout or when closed. */
    BufferRecord read(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (true) {
                SegmentTable.Readable at = table.awaitReadable(readSegment, readOffset, deadline);
                if (at == null) return null;
                readSegment = at.segment().id;
                readOffset = at.offset();
                if (at.skipTo() != null) {
                    readOffset = at.skipTo();
                    position.skipped(readSegment, readOffset);
                    continue;
                }
                BufferRecord r = readAt(at.segment(), at.limit());
                if (r != null) {
                    counters.recordsRead.increment();
                    return r;
                }
            }
        }
    }

    /** See {@link DiskBuffer#readGroup}. */
    List<BufferRecord> readGroup(long firstWaitMillis, long maxDelayMillis, int maxEvents, long maxBytes,
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

    /** The record at the read position, or null when damage was skipped instead. */
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
                        position.recordRead(h.seq(), seg.id, h.end());
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
            position.skipped(seg.id, limit);
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
        position.skipped(seg.id, to);
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

    /** Closes the open segment file; reads after this return null. */
    void close() throws IOException {
        synchronized (lock) {
            if (readFile != null) readFile.close();
        }
    }
}
