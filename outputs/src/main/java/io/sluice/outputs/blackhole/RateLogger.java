package io.sluice.outputs.blackhole;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Logs a blackhole's event and byte rates every interval through Sluice's own diagnostics (JSON lines
 * on stderr), on one daemon thread that {@link #close} stops.
 */
final class RateLogger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RateLogger.class);

    private final String id;
    private final LongSupplier events;
    private final LongSupplier bytes;
    private final ScheduledExecutorService timer;
    private long lastEvents;
    private long lastBytes;
    private long lastNanos = System.nanoTime();

    private RateLogger(String id, LongSupplier events, LongSupplier bytes) {
        this.id = id;
        this.events = events;
        this.bytes = bytes;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-blackhole-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    static RateLogger start(String id, Duration interval, LongSupplier events, LongSupplier bytes) {
        RateLogger r = new RateLogger(id, events, bytes);
        long ms = interval.toMillis();
        r.timer.scheduleAtFixedRate(r::logRate, ms, ms, TimeUnit.MILLISECONDS);
        return r;
    }

    private void logRate() {
        long now = System.nanoTime();
        long e = events.getAsLong();
        long b = bytes.getAsLong();
        double secs = Math.max(1e-9, (now - lastNanos) / 1e9);
        LOG.info(String.format(Locale.ROOT, "blackhole %s: %.0f events/s, %.2f MiB/s, %d events in total",
                id, (e - lastEvents) / secs, (b - lastBytes) / secs / (1024 * 1024), e));
        lastEvents = e;
        lastBytes = b;
        lastNanos = now;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
