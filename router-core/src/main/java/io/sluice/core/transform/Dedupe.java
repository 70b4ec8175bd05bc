package io.sluice.core.transform;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Transform;
import io.sluice.api.plugin.TransformPlugin;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code dedupe}: the first of identical events (equal on {@code fields}) in a {@code window} passes,
 * the rest of the window are dropped and counted; the first identical event after the window records
 * how many were collapsed in {@code attributes.repeat_count}. Events are never held back to wait for
 * repeats, so the count travels on the next occurrence, not the first.
 */
public final class Dedupe implements TransformPlugin {
    static final Option<List<String>> FIELDS = TransformOptions.fields("fields",
            List.of("message", "service.name", "log.level"), "the fields that must be equal for events to be identical");
    static final Option<Duration> WINDOW = Option.of("window", Types.DURATION_TYPE).defaultValue(Duration.ofSeconds(10))
            .check(d -> !d.isNegative() && !d.isZero(), "must be more than 0")
            .doc("how long after the first of identical events the others are collapsed into it").build();
    static final OptionSpec SPEC = OptionSpec.of("dedupe", "collapses identical events within a window: the first passes, the "
            + "repeats are dropped, and the first identical event after the window records how many in "
            + "`attributes.repeat_count` (events are never held back)", FIELDS, WINDOW, TransformOptions.MAX_KEYS);

    @Override public String type() { return "dedupe"; }
    @Override public OptionSpec options() { return SPEC; }

    @Override
    public Transform create(String name, Options o, MeterRegistry meters) {
        return create(o, System::nanoTime);
    }

    static Transform create(Options o, LongSupplier clock) {
        long window = o.get(WINDOW).toNanos();
        EventKey key = new EventKey(o.get(FIELDS));
        StripedLru<Window> windows = new StripedLru<>(o.get(TransformOptions.MAX_KEYS), TransformOptions.STRIPES);
        return e -> {
            long now = clock.getAsLong();
            long repeats = windows.with(key.of(e), () -> new Window(now - window), w -> w.see(now, window));
            if (repeats < 0) return false;
            if (repeats > 0) e.attributesOrCreate().putLong("repeat_count", repeats);
            return true;
        };
    }

    /** One key's window; guarded by its stripe. */
    static final class Window {
        private long startNanos;
        private long collapsed;

        Window(long startNanos) {
            this.startNanos = startNanos;
        }

        /** -1: a repeat inside the window (drop); else this event opens a window, after that many collapsed. */
        long see(long now, long window) {
            if (now - startNanos < window) {
                collapsed++;
                return -1;
            }
            long before = collapsed;
            startNanos = now;
            collapsed = 0;
            return before;
        }
    }
}
