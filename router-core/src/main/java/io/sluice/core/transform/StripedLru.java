package io.sluice.core.transform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Per-key state shared by the workers, bounded to about {@code maxKeys} keys (the least recently
 * used go first) and split into stripes, each with its own lock: workers touching different keys
 * rarely wait on each other, and no single lock is taken by every event.
 */
final class StripedLru<V> {
    private final Stripe<V>[] stripes;

    private static final class Stripe<V> extends LinkedHashMap<String, V> {
        private final int capacity;
        long evicted;

        Stripe(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            if (size() <= capacity) return false;
            evicted++;
            return true;
        }
    }

    @SuppressWarnings("unchecked")
    StripedLru(int maxKeys, int stripeCount) {
        int n = Math.max(1, Math.min(stripeCount, maxKeys));
        stripes = new Stripe[n];
        int per = Math.max(1, maxKeys / n);
        for (int i = 0; i < n; i++) stripes[i] = new Stripe<>(per);
    }

    /** Runs {@code action} on the key's state (created by {@code fresh} when absent) under its stripe's lock. */
    <R> R with(String key, Supplier<V> fresh, Function<V, R> action) {
        Stripe<V> s = stripes[(key.hashCode() & 0x7fffffff) % stripes.length];
        synchronized (s) {
            V v = s.get(key);
            if (v == null) {
                v = fresh.get();
                s.put(key, v);
            }
            return action.apply(v);
        }
    }

    /** Keys held now (approximate while workers run). */
    int size() {
        int n = 0;
        for (Stripe<V> s : stripes) synchronized (s) { n += s.size(); }
        return n;
    }
}
