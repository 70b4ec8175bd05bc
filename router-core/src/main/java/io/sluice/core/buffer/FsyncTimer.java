package io.sluice.core.buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * With fsync {@code interval}: every interval forces what was appended ({@link GroupCommit}) and persists the
 * acknowledged position ({@link AcknowledgedPosition}), on its own daemon thread {@code disk-buffer-<name>-sync}.
 * It holds no lock of its own; {@link #close} stops the thread before the buffer closes its files.
 */
final class FsyncTimer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);

    private final ScheduledExecutorService executor;

    private FsyncTimer(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static FsyncTimer start(String name, Duration every, GroupCommit commit, AcknowledgedPosition position) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "disk-buffer-" + name + "-sync");
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        executor.scheduleWithFixedDelay(() -> tick(name, commit, position), millis, millis, TimeUnit.MILLISECONDS);
        return new FsyncTimer(executor);
    }

    private static void tick(String name, GroupCommit commit, AcknowledgedPosition position) {
        try {
            commit.syncAllQuietly();
        } catch (RuntimeException e) {
            LOG.error("disk buffer {}: fsync timer failed unexpectedly; this is a bug", name, e);
        }
        position.persistQuietly();
    }

    /** Stops the timer, waiting up to five seconds for a tick that is running. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
