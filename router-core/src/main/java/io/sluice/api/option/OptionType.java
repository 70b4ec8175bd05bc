package io.sluice.api.option;

import com.fasterxml.jackson.databind.JsonNode;

/** How one option's YAML value is read and checked. */
public interface OptionType<T> {
    /** For docs and messages, e.g. "duration (e.g. 10s)". */
    String describe();

    T parse(JsonNode node) throws OptionException;
}
