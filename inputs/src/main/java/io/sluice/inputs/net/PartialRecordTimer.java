package io.sluice.inputs.net;

import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code partial_line_timeout} for one connection, whatever its framing (a line without its end, an
 * octet-counted frame without all its octets): closes the connection once it held the start of a
 * record and sent nothing for the timeout, dropping that start. Not while reading is off: then
 * Sluice itself (backpressure, a stop) is why nothing arrives. One timer per connection, running
 * only while a partial record is held; used on the channel's event loop only.
 */
public final class PartialRecordTimer {
    private static final Logger LOG = LoggerFactory.getLogger(PartialRecordTimer.class);

    private final Duration timeout;
    private final long timeoutNanos;
    private final Runnable onTimeout;
    private final BooleanSupplier holdsPartial;
    private final Runnable dropPartial;
    private ScheduledFuture<?> timer;
    private long lastReadNanos;

    /**
     * @param timeout      zero never closes
     * @param onTimeout    told once per connection closed (a counter)
     * @param holdsPartial whether the framer holds the start of a record now
     * @param dropPartial  forgets that start (and gives back its charge) so it is not passed on at the close
     */
    public PartialRecordTimer(Duration timeout, Runnable onTimeout, BooleanSupplier holdsPartial, Runnable dropPartial) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.onTimeout = onTimeout;
        this.holdsPartial = holdsPartial;
        this.dropPartial = dropPartial;
    }

    /** Bytes arrived: the quiet time starts again. */
    public void read() {
        lastReadNanos = System.nanoTime();
    }

    /** After a read burst: starts the timer when a partial record is held and the timer is not running. */
    public void armIfHolding(ChannelHandlerContext ctx) {
        if (timeoutNanos > 0 && timer == null && holdsPartial.getAsBoolean()) schedule(ctx, timeoutNanos);
    }

    /** The connection ended. */
    public void cancel() {
        if (timer != null) timer.cancel(false);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> {
            timer = null;
            if (!ctx.channel().isActive() || !holdsPartial.getAsBoolean()) return;
            long quiet = System.nanoTime() - lastReadNanos;
            if (quiet < timeoutNanos || !ctx.channel().config().isAutoRead()) {
                schedule(ctx, Math.max(1, timeoutNanos - Math.max(0, quiet)));
                return;
            }
            LOG.info("closing {}: it held an incomplete record (a line without its end, or part of an octet-counted "
                    + "frame) and sent nothing for {} (partial_line_timeout); that part is dropped",
                    ctx.channel().remoteAddress(), timeout);
            onTimeout.run();
            dropPartial.run();
            ctx.close();
        }, delayNanos, TimeUnit.NANOSECONDS);
    }
}
