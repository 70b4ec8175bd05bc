package io.sluice.inputs.net;

import io.netty.channel.Channel;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Sends the joined events that waited the flush timeout for a next line, on a timer on the
 * channel's event loop, and re-arms for the events still waiting: one timer per joining handler,
 * running only while something waits. Used on that event loop only.
 */
final class JoinFlushTimer {
    private final long timeoutNanos;
    private final LongConsumer flushTouchedBefore;
    private final LongSupplier oldestTouchNanos;
    private ScheduledFuture<?> timer;

    /**
     * @param flushTouchedBefore sends the events last extended before the given {@link System#nanoTime}, and passes them on
     * @param oldestTouchNanos   when the oldest waiting event was last extended; {@link Long#MAX_VALUE} when none waits
     */
    JoinFlushTimer(Duration timeout, LongConsumer flushTouchedBefore, LongSupplier oldestTouchNanos) {
        this.timeoutNanos = timeout.toNanos();
        this.flushTouchedBefore = flushTouchedBefore;
        this.oldestTouchNanos = oldestTouchNanos;
    }

    /** After a read burst: starts the timer when an event waits and the timer is not running. */
    void armIfWaiting(Channel ch) {
        if (timer == null && oldestTouchNanos.getAsLong() != Long.MAX_VALUE) schedule(ch, timeoutNanos);
    }

    void cancel() {
        if (timer != null) timer.cancel(false);
    }

    private void schedule(Channel ch, long delayNanos) {
        timer = ch.eventLoop().schedule(() -> {
            timer = null;
            if (!ch.isActive()) return;
            flushTouchedBefore.accept(System.nanoTime() - timeoutNanos + 1);
            long oldest = oldestTouchNanos.getAsLong();
            if (oldest != Long.MAX_VALUE) schedule(ch, Math.max(1, oldest + timeoutNanos - System.nanoTime()));
        }, delayNanos, TimeUnit.NANOSECONDS);
    }
}
