package io.sluice.core.buffer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one {@link DiskBuffer} did since it was opened, for metrics and tests. Damage found when opening counts
 * here too, so a restart that found a torn tail shows it.
 */
public final class DiskBufferCounters {
    final LongAdder recordsAppended = new LongAdder();
    final LongAdder bytesAppended = new LongAdder();
    final LongAdder recordsRead = new LongAdder();
    final LongAdder recordsAcked = new LongAdder();
    final LongAdder appendsRefused = new LongAdder();
    final LongAdder appendsBlocked = new LongAdder();
    final LongAdder writeErrors = new LongAdder();
    final LongAdder fsyncs = new LongAdder();
    final LongAdder fsyncErrors = new LongAdder();
    final LongAdder positionErrors = new LongAdder();
    final LongAdder segmentsDeleted = new LongAdder();
    final LongAdder damagedBytes = new LongAdder();
    final LongAdder quarantineFailures = new LongAdder();
    private final Map<DamageKind, LongAdder> damage = new EnumMap<>(DamageKind.class);

    DiskBufferCounters() {
        for (DamageKind k : DamageKind.values()) damage.put(k, new LongAdder());
    }

    void damaged(BufferDamage d) {
        damage.get(d.kind()).increment();
        damagedBytes.add(d.length());
        if (d.quarantine() == null && d.length() > 0) quarantineFailures.increment();
    }

    public long recordsAppended() {
        return recordsAppended.sum();
    }

    public long bytesAppended() {
        return bytesAppended.sum();
    }

    public long recordsRead() {
        return recordsRead.sum();
    }

    public long recordsAcked() {
        return recordsAcked.sum();
    }

    /** Appends refused because the buffer was full (drop_newest) or could not be written. */
    public long appendsRefused() {
        return appendsRefused.sum();
    }

    /** Appends that had to wait for space (block). */
    public long appendsBlocked() {
        return appendsBlocked.sum();
    }

    public long writeErrors() {
        return writeErrors.sum();
    }

    public long fsyncs() {
        return fsyncs.sum();
    }

    public long fsyncErrors() {
        return fsyncErrors.sum();
    }

    /** Times the read position could not be read (at open) or written. */
    public long positionErrors() {
        return positionErrors.sum();
    }

    public long segmentsDeleted() {
        return segmentsDeleted.sum();
    }

    /** Damaged ranges found of one kind. */
    public long damage(DamageKind kind) {
        return damage.get(kind).sum();
    }

    /** Damaged ranges found of every kind. */
    public long damageTotal() {
        long n = 0;
        for (LongAdder a : damage.values()) n += a.sum();
        return n;
    }

    public long damagedBytes() {
        return damagedBytes.sum();
    }

    /** Damaged ranges whose bytes could not be copied to the quarantine (they were left in place). */
    public long quarantineFailures() {
        return quarantineFailures.sum();
    }

    /** Registers every counter as {@code sluice.buffer.disk.*} with the given tags (e.g. output=id). */
    public void bindTo(MeterRegistry registry, Iterable<Tag> tags) {
        counter(registry, tags, "records.appended", recordsAppended, "records written to the disk buffer");
        counter(registry, tags, "bytes.appended", bytesAppended, "bytes written to the disk buffer, headers included");
        counter(registry, tags, "records.read", recordsRead, "records read from the disk buffer for the sink");
        counter(registry, tags, "records.acked", recordsAcked, "records the sink acknowledged");
        counter(registry, tags, "appends.refused", appendsRefused, "appends refused: buffer full (drop_newest) or unwritable");
        counter(registry, tags, "appends.blocked", appendsBlocked, "appends that waited for space (backpressure)");
        counter(registry, tags, "write.errors", writeErrors, "failed writes (disk full, I/O error)");
        counter(registry, tags, "fsyncs", fsyncs, "fsync calls");
        counter(registry, tags, "fsync.errors", fsyncErrors, "failed fsync calls");
        counter(registry, tags, "position.errors", positionErrors, "read-position file problems");
        counter(registry, tags, "segments.deleted", segmentsDeleted, "fully acknowledged segments deleted");
        counter(registry, tags, "damaged.bytes", damagedBytes, "bytes skipped as damaged (kept in quarantine)");
        counter(registry, tags, "quarantine.failures", quarantineFailures, "damaged ranges that could not be quarantined");
        for (Map.Entry<DamageKind, LongAdder> e : damage.entrySet()) {
            counter(registry, Tags.of(tags).and("kind", e.getKey().name().toLowerCase(Locale.ROOT)), "damage",
                    e.getValue(), "damaged ranges found in segments");
        }
    }

    private static void counter(MeterRegistry registry, Iterable<Tag> tags, String name, LongAdder adder, String doc) {
        FunctionCounter.builder("sluice.buffer.disk." + name, adder, LongAdder::sum)
                .tags(tags).description(doc).register(registry);
    }
}
