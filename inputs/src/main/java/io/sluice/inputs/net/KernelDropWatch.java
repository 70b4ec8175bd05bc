package io.sluice.inputs.net;

import io.netty.channel.Channel;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Polls a UDP listener's {@link KernelDrops} every second on the listener's event loop, passes each
 * increase on (to {@code sluice_input_datagrams_dropped_total{reason="kernel"}}) and remembers when
 * the last one happened, so the input's health can say Degraded for a while after a burst was lost.
 */
public final class KernelDropWatch {
    static final Duration POLL = Duration.ofSeconds(1);
    /** How long after the last kernel drop the input reports Degraded. */
    public static final Duration DEGRADED_FOR = Duration.ofMinutes(1);

    private final KernelDrops drops;
    private final LongConsumer onDropped;
    private long seen;
    private volatile long lastDropNanos;
    private volatile boolean dropped;
    private ScheduledFuture<?> task;

    public KernelDropWatch(KernelDrops drops, LongConsumer onDropped) {
        this.drops = drops;
        this.onDropped = onDropped;
    }

    /** Starts polling on the channel's event loop; what the socket dropped before now is not counted. */
    public void start(Channel channel) {
        seen = drops.total();
        task = channel.eventLoop().scheduleAtFixedRate(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (task != null) task.cancel(false);
    }

    void poll() {
        long now = drops.total();
        long more = now - seen;
        seen = now;
        if (more <= 0) return; // a socket of that port closed: its drops left the table
        lastDropNanos = System.nanoTime();
        dropped = true;
        onDropped.accept(more);
    }

    /** Why the listener is degraded now (the kernel dropped datagrams within {@link #DEGRADED_FOR}); null when not. */
    public String degradedBecause() {
        if (!dropped || System.nanoTime() - lastDropNanos > DEGRADED_FOR.toNanos()) return null;
        return "the kernel dropped datagrams in the last " + DEGRADED_FOR.toSeconds()
                + "s: its receive buffer was full (raise receive_buffer_bytes, or the pipeline is too slow)";
    }
}
