package io.sluice.core.buffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One pass over a segment from a given offset: counts the intact records and finds the damage. In
 * {@link Mode#RECOVER} it also copies every damaged range to the quarantine and truncates tail damage once its
 * bytes are kept; damage in the middle stays in place and is listed in {@link #skips} for the reader.
 * Never throws for damage: an unreadable range is damage too.
 */
final class SegmentScan {
    enum Mode { INSPECT, RECOVER }

    /** Sees every intact record, in order. */
    interface RecordVisitor {
        void record(RecordFormat.Header h);
    }

    final long id;
    final String name;
    long size;
    long records;
    long recordBytes;
    long firstSeq = -1;
    long lastSeq = -1;
    long oldestMillis = Long.MAX_VALUE;
    long newestMillis = Long.MIN_VALUE;
    /** Damaged ranges left in place: start offset to end offset. */
    final TreeMap<Long, Long> skips = new TreeMap<>();
    final List<BufferDamage> damage = new ArrayList<>();
    /** Why a quarantine copy failed, per damage entry without a quarantine file (RECOVER only). */
    final List<String> problems = new ArrayList<>();

    private SegmentScan(long id) {
        this.id = id;
        this.name = SegmentFiles.name(id);
    }

    static SegmentScan run(Path dir, long id, long from, Mode mode, Quarantine quarantine, RecordVisitor visitor)
            throws IOException {
        SegmentScan scan = new SegmentScan(id);
        Path file = SegmentFiles.path(dir, id);
        try (RandomAccessFile ch = new RandomAccessFile(file.toFile(), mode == Mode.RECOVER ? "rw" : "r")) {
            scan.size = ch.length();
            scan.walk(ch, Math.min(from, scan.size), mode, quarantine, visitor);
        }
        return scan;
    }

    private void walk(RandomAccessFile ch, long from, Mode mode, Quarantine quarantine, RecordVisitor visitor) {
        SegmentScanner scanner = new SegmentScanner(ch, size);
        long pos = from;
        while (pos < size) {
            try {
                RecordFormat.Header h = scanner.recordAt(pos);
                if (h != null) {
                    count(h, visitor);
                    pos = h.end();
                    continue;
                }
                long next = scanner.findNext(pos + 1);
                if (next >= 0) {
                    RecordFormat.Header after = scanner.recordAt(next);
                    long lost = lastSeq >= 0 && after != null ? Math.max(0, after.seq() - lastSeq - 1) : -1;
                    damaged(ch, pos, next, DamageKind.CORRUPT_RECORDS, lost, mode, quarantine);
                    pos = next;
                } else {
                    damaged(ch, pos, size, scanner.classifyTail(pos), -1, mode, quarantine);
                    return;
                }
            } catch (IOException e) {
                // An I/O error reading the disk itself: skip what is left of this segment, never fail the open.
                skips.put(pos, size);
                damage.add(new BufferDamage(name, pos, size - pos, DamageKind.UNREADABLE, -1, null, false));
                problems.add("read error: " + e);
                return;
            }
        }
    }

    private void count(RecordFormat.Header h, RecordVisitor visitor) {
        records++;
        recordBytes += h.totalBytes();
        if (firstSeq < 0) firstSeq = h.seq();
        lastSeq = h.seq();
        oldestMillis = Math.min(oldestMillis, h.appendMillis());
        newestMillis = Math.max(newestMillis, h.appendMillis());
        if (visitor != null) visitor.record(h);
    }

    private void damaged(RandomAccessFile ch, long from, long to, DamageKind kind, long lost, Mode mode,
                         Quarantine quarantine) {
        String kept = null;
        boolean truncated = false;
        if (mode == Mode.RECOVER) {
            try {
                kept = quarantine.keep(ch, name, from, to - from).toString();
                if (kind.isTail()) {
                    ch.setLength(from);
                    ch.getFD().sync();
                    truncated = true;
                    size = from;
                }
            } catch (IOException e) {
                problems.add("could not quarantine or truncate: " + e);
            }
        }
        if (!truncated) skips.put(from, to);
        damage.add(new BufferDamage(name, from, to - from, kind, lost, kept, truncated));
    }

    boolean hasMiddleDamage() {
        return !skips.isEmpty();
    }
}
