package io.sluice.core.option;

import java.util.Map;

/** Validated option values of one plugin instance, read with the {@link Option} that declared them. */
public final class Options {
    private final OptionSpec spec;
    private final Map<String, Object> values;

    Options(OptionSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        if (!spec.declares(option)) {
            throw new IllegalArgumentException("option '" + option.name() + "' is not in spec " + spec.name());
        }
        Object v = values.get(option.name());
        return v != null ? (T) v : option.defaultValue();
    }

    /** True when the user wrote the option (as opposed to taking its default). */
    public boolean isSet(Option<?> option) {
        return values.containsKey(option.name());
    }

    public OptionSpec spec() {
        return spec;
    }
}
