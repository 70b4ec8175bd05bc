package io.sluice.api.option;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One declared option of a plugin: name, type, default, validation and doc, in one place, so the
 * config validator, its error messages and the configuration reference all come from here.
 */
public final class Option<T> {
    private final String name;
    private final OptionType<T> type;
    private final T defaultValue;
    private final boolean required;
    private final Predicate<T> check;
    private final String checkMessage;
    private final String doc;
    private final OptionSpec nested;

    private Option(Builder<T> b) {
        this.name = b.name;
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.required = b.required;
        this.check = b.check;
        this.checkMessage = b.checkMessage;
        this.doc = Objects.requireNonNull(b.doc, "every option needs a doc string: " + b.name);
        this.nested = b.nested;
    }

    public static <T> Builder<T> of(String name, OptionType<T> type) {
        return new Builder<>(name, type);
    }

    /** A nested block whose keys follow {@code spec}; its value is an {@link Options}. */
    public static Builder<Options> block(String name, OptionSpec spec) {
        Builder<Options> b = new Builder<>(name, Types.object(spec));
        b.nested = spec;
        return b;
    }

    public String name() { return name; }
    public OptionType<T> type() { return type; }
    public T defaultValue() { return defaultValue; }
    public boolean required() { return required; }
    public String doc() { return doc; }
    /** The spec of a nested block, or null for a plain value. */
    public OptionSpec nested() { return nested; }

    /** Parses and checks a value; the exception message is for the user. */
    T parse(com.fasterxml.jackson.databind.JsonNode node) throws OptionException {
        T value = type.parse(node);
        if (check != null && !check.test(value)) throw new OptionException(checkMessage);
        return value;
    }

    public static final class Builder<T> {
        private final String name;
        private final OptionType<T> type;
        private T defaultValue;
        private boolean required;
        private Predicate<T> check;
        private String checkMessage;
        private String doc;
        private OptionSpec nested;

        private Builder(String name, OptionType<T> type) {
            this.name = name;
            this.type = type;
        }

        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        public Builder<T> required() {
            this.required = true;
            return this;
        }

        /** A further check on the parsed value; {@code message} is shown when it fails. */
        public Builder<T> check(Predicate<T> predicate, String message) {
            this.check = predicate;
            this.checkMessage = message;
            return this;
        }

        public Builder<T> doc(String doc) {
            this.doc = doc;
            return this;
        }

        public Option<T> build() {
            return new Option<>(this);
        }
    }
}
