package io.sluice.core.transform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Transform;
import io.sluice.api.plugin.TransformPlugin;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code throttle}: a token bucket per key ({@code rate} per second, up to {@code burst} at once).
 * Events beyond it are dropped (counted), or sent to {@code overflow_to} instead of the routes.
 */
public final class Throttle implements TransformPlugin {
    static final Option<Integer> RATE = Option.of("rate", Types.INT).required()
            .check(n -> n >= 1, "must be at least 1").doc("events per second each key may pass").build();
    static final Option<Integer> BURST = Option.of("burst", Types.INT)
            .check(n -> n >= 1, "must be at least 1").doc("events a key may pass at once after being quiet (default: rate)").build();
    static final Option<List<String>> KEY = TransformOptions.fields("key", List.of("service.name"),
            "fields whose values make the key throttled separately");
    static final Option<Boolean> EXEMPT_ERRORS = Option.of("exempt_errors", Types.BOOL).defaultValue(false)
            .doc("true lets events at log.level error or fatal through without taking a token").build();
    static final Option<String> OVERFLOW_TO = Option.of("overflow_to", Types.STRING)
            .doc("an output id that gets the excess events instead of the routes (default: excess is dropped and counted)").build();
    static final OptionSpec SPEC = OptionSpec.of("throttle", "limits each key to `rate` events per second with `burst`",
            RATE, BURST, KEY, EXEMPT_ERRORS, OVERFLOW_TO, TransformOptions.MAX_KEYS);

    @Override public String type() { return "throttle"; }
    @Override public OptionSpec options() { return SPEC; }

    @Override
    public Map<String, String> outputsNamed(Options o) {
        return o.isSet(OVERFLOW_TO) ? Map.of(OVERFLOW_TO.name(), o.get(OVERFLOW_TO)) : Map.of();
    }

    @Override
    public Transform create(String name, Options o, MeterRegistry meters) {
        return create(name, o, meters, System::nanoTime);
    }

    static Transform create(String name, Options o, MeterRegistry meters, LongSupplier clock) {
        int rate = o.get(RATE);
        int burst = o.isSet(BURST) ? o.get(BURST) : rate;
        boolean exemptErrors = o.get(EXEMPT_ERRORS);
        String overflow = o.get(OVERFLOW_TO);
        EventKey key = new EventKey(o.get(KEY));
        StripedLru<Bucket> buckets = new StripedLru<>(o.get(TransformOptions.MAX_KEYS), TransformOptions.STRIPES);
        Counter excess = Counter.builder("sluice.transform.throttled").tag("transform", name)
                .tag("action", overflow == null ? "dropped" : "diverted").register(meters);
        return e -> {
            if (exemptErrors && e.level() != null && e.level().compareTo(Level.ERROR) >= 0) return true;
            long now = clock.getAsLong();
            boolean pass = buckets.with(key.of(e), () -> new Bucket(burst, now), b -> b.take(now, rate, burst));
            if (pass) return true;
            excess.increment();
            if (overflow == null) return false;
            e.divertTo(overflow);
            return true;
        };
    }

    /** Tokens refill continuously at {@code rate} per second up to {@code burst}; guarded by its stripe. */
    static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.lastNanos = now;
        }

        boolean take(long now, int rate, int burst) {
            tokens = Math.min(burst, tokens + (now - lastNanos) * rate / 1e9);
            lastNanos = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
