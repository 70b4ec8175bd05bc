package io.sluice.config;

import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Types;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;

/** Wording shared by the validators, matching the messages of the option specs. */
final class Words {
    private Words() {}

    /** {@code " (did you mean 'tcp'?)"} when a known word is within two edits, else empty. */
    static String didYouMean(String word, Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = OptionSpec.distance(word, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** "the string 'x'", "a list", "a map", ... for "expected ..., found ..." messages. */
    static String kind(JsonNode node) {
        return Types.kind(node);
    }
}
