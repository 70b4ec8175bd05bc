package io.sluice.outputs.blackhole;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;

import java.time.Duration;

/** {@code type: blackhole}: counts and discards events, for benchmarks and for trying out inputs. */
public final class BlackholePlugin implements OutputPlugin {
    static final Option<Duration> PRINT_INTERVAL = Option.of("print_interval", Types.DURATION_TYPE)
            .check(d -> d.toMillis() >= 100, "must be at least 100ms")
            .doc("when set, log the event and byte rates every interval (e.g. 10s); off by default")
            .build();

    private static final OptionSpec SPEC = OptionSpec.of("blackhole",
            "counts events and bytes (metrics sluice_blackhole_events_total and sluice_blackhole_bytes_total) "
                    + "and discards them",
            PRINT_INTERVAL);

    @Override
    public String type() {
        return "blackhole";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Output create(String id, Options options) {
        return new BlackholeOutput(id, options.get(PRINT_INTERVAL));
    }
}
