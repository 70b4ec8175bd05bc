package io.sluice.daemon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The GC meters of Micrometer's {@code JvmGcMetrics}, same names and units ({@code jvm.gc.pause} or
 * {@code jvm.gc.concurrent.phase.time} per collector with its max, {@code jvm.gc.memory.allocated},
 * {@code jvm.gc.memory.promoted}, {@code jvm.gc.live.data.size}, {@code jvm.gc.max.data.size}), read from the
 * JVM's management beans when they are scraped instead of from a JMX notification per collection.
 *
 * <p>Why not Micrometer's: its listener makes the JVM's Notification Thread build a {@code GcInfo}
 * {@code CompositeData} through JMX's open types after every collection, hundreds per million S3 events, and
 * C1 and C2 compile that code while the pipeline runs (docs/performance.md, "Session 11: GC meters without
 * notifications"). The beans keep the same counts and times, as Prometheus' own JVM exporter reads them
 * ({@code jvm_gc_collection_seconds}). What a notification alone knows is given up: a pause's {@code cause}
 * (the tag is left out: {@code gc} and {@code action} stay), and the max and the long-lived pools' figures
 * are seen at each scrape rather than at each collection; docs/operations.md says how each one differs.
 */
final class GcMeters implements MeterBinder {
    @Override
    public void bindTo(MeterRegistry registry) {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        for (GarbageCollectorMXBean gc : collectors) bindPauses(registry, gc);
        LongLivedHeap.of(ManagementFactory.getMemoryPoolMXBeans(), collectors).bindTo(registry);
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            // every byte the threads allocated, also those too large for the young pool that Micrometer's
            // young-pool difference misses; counted as it happens rather than at the next collection
            FunctionCounter.builder("jvm.gc.memory.allocated", threads,
                    com.sun.management.ThreadMXBean::getTotalThreadAllocatedBytes)
                    .baseUnit(BaseUnits.BYTES)
                    .description("Bytes allocated in the heap by the JVM's threads")
                    .register(registry);
        }
    }

    /**
     * One collector's count and total time as a timer's count and sum, and its longest pause as the timer's
     * max (Prometheus: {@code jvm_gc_pause_seconds_count}, {@code _sum}, {@code jvm_gc_pause_seconds_max}).
     */
    private static void bindPauses(MeterRegistry registry, GarbageCollectorMXBean gc) {
        boolean concurrent = isConcurrent(gc.getName());
        String name = concurrent ? "jvm.gc.concurrent.phase.time" : "jvm.gc.pause";
        String description = concurrent ? "Time spent in concurrent phase" : "Time spent in GC pause";
        Tags tags = Tags.of("gc", gc.getName(), "action", action(gc.getName()));
        FunctionTimer.builder(name, gc, GarbageCollectorMXBean::getCollectionCount, GarbageCollectorMXBean::getCollectionTime,
                TimeUnit.MILLISECONDS).tags(tags).description(description).register(registry);
        // a timer's max is its own family in Prometheus, <name>_seconds_max; a gauge named so gives the same name
        Gauge.builder(name + ".seconds.max", new GcPauseMax(gc, Clock.SYSTEM), GcPauseMax::seconds).strongReference(true)
                .tags(tags).description(description).register(registry);
    }

    /** As Micrometer tells a concurrent cycle from a pause (ZGC's and Shenandoah's cycles, G1's concurrent GC). */
    static boolean isConcurrent(String gc) {
        return gc.endsWith("Cycles") || gc.equals("G1 Concurrent GC");
    }

    /** The {@code action} HotSpot's notification names for each of its collectors (its {@code gc_end_message}). */
    static String action(String gc) {
        if (gc.endsWith("Cycles")) return "end of GC cycle";
        if (gc.endsWith("Pauses")) return "end of GC pause";
        return switch (gc) {
            case "G1 Young Generation", "PS Scavenge", "Copy", "ParNew" -> "end of minor GC";
            case "G1 Old Generation", "PS MarkSweep", "MarkSweepCompact", "ConcurrentMarkSweep" -> "end of major GC";
            case "G1 Concurrent GC" -> "end of concurrent GC pause";
            default -> "end of GC";
        };
    }
}
