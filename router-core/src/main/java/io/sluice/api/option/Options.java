package io.sluice.api.option;

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

    /**
     * Equal when bound from the same spec to equal values: hot reload uses it to keep plugins whose
     * configuration did not change running untouched.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Options other && other.spec.name().equals(spec.name()) && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return spec.name().hashCode() * 31 + values.hashCode();
    }
}
