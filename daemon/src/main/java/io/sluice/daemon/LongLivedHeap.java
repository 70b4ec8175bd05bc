package io.sluice.daemon;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Micrometer's meters of the long-lived heap pools (the old generation; the whole heap of a collector without
 * generations), read from the pools' usage after their last collection when scraped:
 * <ul>
 * <li>{@code jvm.gc.max.data.size}: the pools' max;</li>
 * <li>{@code jvm.gc.live.data.size}: their usage after the last collection, taken when it shrank them or was
 * a major one (as Micrometer takes it; a young collection's promotions alone do not move it);</li>
 * <li>{@code jvm.gc.memory.promoted} (generational collectors only): each growth of that after-collection
 * usage from one read to the next. Micrometer adds each collection's growth instead, so where a mixed or
 * major collection frees old objects between two reads, the promotions it freed are not counted here.</li>
 * </ul>
 */
final class LongLivedHeap {
    private final List<MemoryPoolMXBean> pools;
    private final List<GarbageCollectorMXBean> updatingLive;
    private final boolean generational;
    private long usedAfterGc;
    private long collections;
    private long live;
    private long promoted;

    private LongLivedHeap(List<MemoryPoolMXBean> pools, List<GarbageCollectorMXBean> updatingLive, boolean generational) {
        this.pools = pools;
        this.updatingLive = updatingLive;
        this.generational = generational;
        this.usedAfterGc = usedAfterGc();
        this.collections = collections();
    }

    static LongLivedHeap of(List<MemoryPoolMXBean> allPools, List<GarbageCollectorMXBean> collectors) {
        List<MemoryPoolMXBean> heap = allPools.stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        boolean generational = heap.size() > 1;
        return new LongLivedHeap(heap.stream().filter(p -> isLongLived(p.getName())).toList(),
                collectors.stream().filter(gc -> updatesLive(gc.getName(), generational)).toList(), generational);
    }

    /** The gauges hold this strongly (a meter holds its object weakly), which keeps it for the counter too. */
    void bindTo(MeterRegistry registry) {
        Gauge.builder("jvm.gc.max.data.size", this, LongLivedHeap::max).strongReference(true).baseUnit(BaseUnits.BYTES)
                .description("Max size of long-lived heap memory pool").register(registry);
        Gauge.builder("jvm.gc.live.data.size", this, LongLivedHeap::live).strongReference(true).baseUnit(BaseUnits.BYTES)
                .description("Size of long-lived heap memory pool after reclamation").register(registry);
        if (generational) {
            FunctionCounter.builder("jvm.gc.memory.promoted", this, LongLivedHeap::promoted).baseUnit(BaseUnits.BYTES)
                    .description("Increases in the size of the old generation memory pool after GC, from one scrape to the next")
                    .register(registry);
        }
    }

    /** Micrometer's long-lived pools of HotSpot's collectors. */
    static boolean isLongLived(String pool) {
        return pool.endsWith("Old Gen") || pool.endsWith("Tenured Gen") || pool.equals("Shenandoah")
                || pool.equals("Shenandoah Old Generation") || pool.equals("ZHeap") || pool.equals("ZGC Old Generation");
    }

    /** A major collection, or any but the pause reports of a collector without generations (as Micrometer). */
    private static boolean updatesLive(String gc, boolean generational) {
        if (!generational) return !gc.endsWith("Pauses");
        return GcMeters.action(gc).equals("end of major GC");
    }

    private double max() {
        long sum = 0;
        for (MemoryPoolMXBean pool : pools) {
            long max = pool.getUsage().getMax();
            if (max < 0) return Double.NaN; // undefined
            sum += max;
        }
        return sum;
    }

    private synchronized double live() {
        read();
        return live;
    }

    private synchronized double promoted() {
        read();
        return promoted;
    }

    private void read() {
        long used = usedAfterGc();
        long count = collections();
        if (generational && used > usedAfterGc) promoted += used - usedAfterGc;
        if (used < usedAfterGc || count != collections) live = used;
        usedAfterGc = used;
        collections = count;
    }

    private long usedAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage after = pool.getCollectionUsage();
            if (after != null) sum += after.getUsed();
        }
        return sum;
    }

    private long collections() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : updatingLive) sum += Math.max(0, gc.getCollectionCount());
        return sum;
    }
}
