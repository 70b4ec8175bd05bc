package io.sluice.core.health;

import org.slf4j.Logger;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a repeating problem at most once per interval per key, with the count of repeats suppressed
 * since the last line. Metrics are never rate-limited; only the log is.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, long[]> last = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> suppressed = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalMillis = intervalMillis;
    }

    public void warn(String key, String message, Object... args) {
        if (allowed(key)) log.warn(withSuppressed(key, message), args);
    }

    public void error(String key, String message, Object... args) {
        if (allowed(key)) log.error(withSuppressed(key, message), args);
    }

    private boolean allowed(String key) {
        long now = System.currentTimeMillis();
        long[] t = last.computeIfAbsent(key, k -> new long[] {0});
        synchronized (t) {
            if (now - t[0] >= intervalMillis) {
                t[0] = now;
                return true;
            }
        }
        suppressed.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        return false;
    }

    private String withSuppressed(String key, String message) {
        AtomicLong n = suppressed.get(key);
        long count = n == null ? 0 : n.getAndSet(0);
        return count == 0 ? message : message + " (" + count + " similar messages suppressed)";
    }
}
