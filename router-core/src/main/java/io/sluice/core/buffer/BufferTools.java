package io.sluice.core.buffer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** The offline tools behind {@link DiskBuffer#inspect} and {@link DiskBuffer#repair}. */
final class BufferTools {
    private BufferTools() {}

    static BufferReport inspect(Path dir) throws IOException {
        return inspect(dir, new ArrayList<>(), List.of(), DirectoryLock.isHeld(dir));
    }

    private static BufferReport inspect(Path dir, List<BufferDamage> damage, List<String> actions, boolean inUse)
            throws IOException {
        if (!Files.isDirectory(dir)) throw new NotDirectoryException(dir.toString());
        List<String> problems = new ArrayList<>();
        PositionFile.Read read = PositionFile.read(dir);
        PositionFile.Pos pos = read.pos();
        List<Long> ids = SegmentFiles.list(dir);
        String where;
        if (pos != null) {
            where = "segment " + SegmentFiles.name(pos.segment()) + " offset " + pos.offset() + ", next seq " + pos.nextSeq();
        } else if (read.problem() != null) {
            where = "unusable: " + read.problem();
            problems.add("the read position is unusable (" + read.problem() + "); a start reads from the oldest segment");
        } else {
            where = "none (everything counts as pending)";
        }
        if (inUse) problems.add("a running process holds this buffer: the newest segment may be mid-write");
        List<BufferReport.SegmentSummary> summaries = new ArrayList<>();
        long records = 0;
        long bytes = 0;
        long[] pending = new long[1];
        long pendingBytes = 0;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        boolean collectDamage = damage.isEmpty();
        SequenceGaps gaps = new SequenceGaps(pos != null ? pos.nextSeq() : -1);
        for (long id : ids) {
            final boolean wholly = pos == null || id > pos.segment();
            final long from = pos != null && id == pos.segment() ? pos.offset() : Long.MAX_VALUE;
            long[] pendingSeqs = {-1, -1}; // first and last sequence number from the read position on
            SegmentScan scan = SegmentScan.run(dir, id, 0, SegmentScan.Mode.INSPECT, null, h -> {
                if (!wholly && h.offset() < from) return;
                pending[0]++;
                if (pendingSeqs[0] < 0) pendingSeqs[0] = h.seq();
                pendingSeqs[1] = h.seq();
            });
            if (pos == null || id >= pos.segment()) gaps.segment(scan.name, pendingSeqs[0], pendingSeqs[1], scan.damage);
            if (wholly) pendingBytes += scan.size;
            else if (from != Long.MAX_VALUE) pendingBytes += Math.max(0, scan.size - from);
            records += scan.records;
            bytes += scan.size;
            if (scan.records > 0) {
                oldest = Math.min(oldest, scan.oldestMillis);
                newest = Math.max(newest, scan.newestMillis);
            }
            if (collectDamage) damage.addAll(scan.damage);
            summaries.add(new BufferReport.SegmentSummary(scan.name, scan.size, scan.records, scan.firstSeq,
                    scan.lastSeq, scan.records > 0 ? scan.oldestMillis : -1, scan.records > 0 ? scan.newestMillis : -1,
                    scan.damage.size()));
        }
        if (collectDamage) damage.addAll(gaps.found());
        return new BufferReport(dir, inUse, where, summaries, records, bytes, pending[0], pendingBytes,
                oldest == Long.MAX_VALUE ? -1 : oldest, newest == Long.MIN_VALUE ? -1 : newest,
                List.copyOf(damage), List.copyOf(actions), problems);
    }

    static BufferReport repair(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NotDirectoryException(dir.toString());
        List<BufferDamage> damage = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        try (DirectoryLock lock = DirectoryLock.acquire(dir)) {
            SegmentFiles.deleteTemporaries(dir);
            PositionFile.Read read = PositionFile.read(dir);
            List<Long> ids = SegmentFiles.list(dir);
            PositionFile.Pos pos = read.pos();
            if (read.problem() != null) actions.add("reset the unusable read position (" + read.problem() + ") to the oldest segment");
            if (pos == null) pos = new PositionFile.Pos(ids.isEmpty() ? 1 : ids.get(0), 0, 0);
            for (long id : new ArrayList<>(ids)) {
                if (id < pos.segment()) {
                    Files.deleteIfExists(SegmentFiles.path(dir, id));
                    ids.remove(id);
                    actions.add("deleted " + SegmentFiles.name(id) + ", fully acknowledged");
                }
            }
            Quarantine quarantine = new Quarantine(dir);
            for (long id : ids) {
                List<RecordFormat.Header> kept = new ArrayList<>();
                SegmentScan scan = SegmentScan.run(dir, id, 0, SegmentScan.Mode.RECOVER, quarantine, kept::add);
                damage.addAll(scan.damage);
                for (BufferDamage d : scan.damage) {
                    if (d.truncated()) actions.add("truncated " + d.segment() + " at " + d.offset() + " (" + d.length() + " bytes quarantined)");
                }
                if (scan.hasMiddleDamage()) {
                    long newOffset = rewrite(dir, id, kept, id == pos.segment() ? pos.offset() : -1);
                    long skipped = scan.skips.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey()).sum();
                    actions.add("rewrote " + scan.name + " without its " + skipped + " damaged bytes (" + kept.size()
                            + " records kept)");
                    if (id == pos.segment()) pos = new PositionFile.Pos(id, newOffset, pos.nextSeq());
                }
            }
            if (!pos.equals(read.pos())) {
                PositionFile.write(dir, pos);
                actions.add("wrote the read position: segment " + SegmentFiles.name(pos.segment()) + " offset " + pos.offset());
            }
        }
        return inspect(dir, damage, actions, false);
    }

    /** Copies the intact records into a new file replacing the segment; returns where oldOffset maps to. */
    private static long rewrite(Path dir, long id, List<RecordFormat.Header> records, long oldOffset) throws IOException {
        Path file = SegmentFiles.path(dir, id);
        Path tmp = dir.resolve(SegmentFiles.name(id) + ".tmp");
        long newOffset = 0;
        byte[] buf = new byte[64 * 1024];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r");
             FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            long written = 0;
            for (RecordFormat.Header h : records) {
                if (h.offset() < oldOffset) newOffset = written + h.totalBytes();
                in.seek(h.offset());
                for (long left = h.totalBytes(); left > 0; ) {
                    int n = (int) Math.min(buf.length, left);
                    in.readFully(buf, 0, n);
                    out.write(buf, 0, n);
                    left -= n;
                }
                written += h.totalBytes();
            }
            out.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SegmentFiles.syncDirectory(dir);
        return newOffset;
    }
}
