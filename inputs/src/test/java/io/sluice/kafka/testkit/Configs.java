package io.sluice.kafka.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;

import java.util.Map;

/** Binds a plugin's options from a map, as the config module does from YAML. */
public final class Configs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Configs() {}

    /** The bound options; fails the test with the problems when the block is invalid. */
    public static Options bind(OptionSpec spec, Map<String, ?> block) {
        OptionSpec.Binding binding = problems(spec, block);
        if (!binding.ok()) throw new AssertionError("config problems: " + binding.problems());
        return binding.options();
    }

    public static OptionSpec.Binding problems(OptionSpec spec, Map<String, ?> block) {
        return spec.bind(JSON.valueToTree(block));
    }
}
