package io.sluice.core.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;

import static org.assertj.core.api.Assertions.assertThat;

/** Options bound from JSON text through a transform's own spec, as the config module binds them. */
final class Bound {
    private Bound() {}

    static Options options(OptionSpec spec, String json) {
        try {
            OptionSpec.Binding b = spec.bind(new ObjectMapper().readTree(json));
            assertThat(b.problems()).as("options %s", json).isEmpty();
            return b.options();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static LogEvent event(String service, String message) {
        return new LogEvent().serviceName(service).message(message).level(io.sluice.api.event.Level.INFO);
    }
}
