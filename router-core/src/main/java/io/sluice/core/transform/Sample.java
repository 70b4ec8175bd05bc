package io.sluice.core.transform;

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
import java.util.concurrent.atomic.AtomicLong;

/** {@code sample}: keeps the 1st, (N+1)th, ... event per key; the kept ones carry {@code attributes.sample_rate}. */
public final class Sample implements TransformPlugin {
    static final Option<Integer> RATE = Option.of("rate", Types.INT).required()
            .check(n -> n >= 1, "must be at least 1").doc("keep 1 event in this many, per key").build();
    static final Option<List<String>> KEY = TransformOptions.fields("key", List.of(),
            "fields whose values make the key counted separately, e.g. [service.name] (default: one count for all)");
    static final Option<Boolean> KEEP_ERRORS = Option.of("keep_errors", Types.BOOL).defaultValue(true)
            .doc("events at log.level error or fatal are always kept (and not counted)").build();
    static final OptionSpec SPEC = OptionSpec.of("sample", "keeps 1 in `rate` events per key; kept events record "
            + "`attributes.sample_rate`", RATE, KEY, KEEP_ERRORS, TransformOptions.MAX_KEYS);

    @Override public String type() { return "sample"; }
    @Override public OptionSpec options() { return SPEC; }

    @Override
    public Transform create(String name, Options o, MeterRegistry meters) {
        int rate = o.get(RATE);
        boolean keepErrors = o.get(KEEP_ERRORS);
        EventKey key = new EventKey(o.get(KEY));
        StripedLru<AtomicLong> seen = new StripedLru<>(o.get(TransformOptions.MAX_KEYS), TransformOptions.STRIPES);
        return e -> {
            if (keepErrors && e.level() != null && e.level().compareTo(Level.ERROR) >= 0) return true;
            long n = seen.with(key.of(e), AtomicLong::new, AtomicLong::getAndIncrement);
            if (n % rate != 0) return false;
            e.attributesOrCreate().putLong("sample_rate", rate);
            return true;
        };
    }
}
