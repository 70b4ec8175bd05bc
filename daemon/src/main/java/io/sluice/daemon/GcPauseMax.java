package io.sluice.daemon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.TimeWindowMax;

import java.lang.management.GarbageCollectorMXBean;
import java.util.concurrent.TimeUnit;

/**
 * A collector's longest pause in the last two minutes, as a Micrometer timer's max, from its bean: each read
 * sees the collections since the previous read (by any scraper): one collection's time when one ran, the
 * longer of their mean and the last one's duration when several did (never longer than the longest): what
 * can be told without a notification per collection.
 */
final class GcPauseMax {
    private final GarbageCollectorMXBean gc;
    private final TimeWindowMax max;
    private long count;
    private long millis;

    GcPauseMax(GarbageCollectorMXBean gc, Clock clock) {
        this.gc = gc;
        this.max = new TimeWindowMax(clock, DistributionStatisticConfig.DEFAULT); // a timer's window: 2 min
        this.count = Math.max(0, gc.getCollectionCount()); // as a timer bound now: from now on
        this.millis = Math.max(0, gc.getCollectionTime());
    }

    synchronized double seconds() {
        long countNow = gc.getCollectionCount();
        long millisNow = gc.getCollectionTime();
        if (countNow > count) {
            long collections = countNow - count;
            double longest = (double) (millisNow - millis) / collections;
            if (collections > 1 && gc instanceof com.sun.management.GarbageCollectorMXBean extended) {
                com.sun.management.GcInfo last = extended.getLastGcInfo();
                if (last != null) longest = Math.max(longest, last.getDuration());
            }
            max.record(longest, TimeUnit.MILLISECONDS);
            count = countNow;
            millis = millisNow;
        }
        return max.poll(TimeUnit.SECONDS);
    }
}
