package io.sluice.outputs.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Creates and starts the elasticsearch output from config as a user writes it (a YAML map). */
final class Outputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Outputs() {}

    static Output create(Map<String, Object> config) {
        OptionSpec.Binding binding = ElasticsearchOptions.SPEC.bind(JSON.valueToTree(config));
        if (!binding.ok()) throw new IllegalArgumentException(binding.problems().toString());
        return new ElasticsearchPlugin().create("search", binding.options());
    }

    static Output started(Map<String, Object> config) throws Exception {
        Output out = create(config);
        out.start(context());
        return out;
    }

    static OutputContext context() {
        return new OutputContext() {
            private final MeterRegistry meters = new SimpleMeterRegistry();

            @Override public String outputId() { return "search"; }
            @Override public MeterRegistry meters() { return meters; }

            @Override
            public Path dataDir() {
                try {
                    return Files.createTempDirectory("sluice-es-output");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }
}
