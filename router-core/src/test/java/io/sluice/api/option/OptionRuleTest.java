package io.sluice.api.option;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cross-option rules as {@link OptionSpec#bind} reports them: at the option that breaks them, inside nested blocks too. */
class OptionRuleTest {
    private static final Option<String> MODE = Option.of("mode", Types.oneOf("fast", "safe")).defaultValue("fast")
            .doc("how").build();
    private static final Option<String> KEY = Option.of("key", Types.STRING).doc("a key").build();
    private static final Option<Integer> LIMIT = Option.of("limit", Types.INT).doc("a limit").build();
    private static final OptionSpec INNER = OptionSpec.of("inner", "a nested block", MODE, KEY, LIMIT)
            .rule(OptionRule.requires(MODE, KEY), OptionRule.exactlyOneOf(KEY, LIMIT));
    private static final OptionSpec OUTER = OptionSpec.of("outer", "a plugin",
            Option.block("inner", INNER).doc("the block").build());

    @Test
    void aRuleIsReportedAtTheOptionThatBreaksItWithTheBlockPath() throws Exception {
        assertThat(problems("{\"inner\": {\"mode\": \"safe\", \"limit\": 3}}"))
                .containsExactly(new OptionProblem("inner.mode", "mode requires key"));
        assertThat(problems("{\"inner\": {\"key\": \"k\", \"limit\": 3}}"))
                .containsExactly(new OptionProblem("inner.limit", "set exactly one of key, limit"));
        assertThat(problems("{\"inner\": {}}"))
                .as("nothing given: reported at the first option").containsExactly(
                        new OptionProblem("inner.key", "set exactly one of key, limit"));
    }

    @Test
    void aDefaultDoesNotCountAsGivenAndAWrongOptionSilencesItsRules() throws Exception {
        assertThat(problems("{\"inner\": {\"limit\": 3}}")).as("mode: fast is only the default").isEmpty();
        assertThat(problems("{\"inner\": {\"mode\": \"safe\", \"key\": [1], \"limit\": 3}}"))
                .containsExactly(new OptionProblem("inner.key", "expected a string, found a list"));
    }

    @Test
    void aRuleMustNameOptionsOfItsOwnSpec() {
        assertThatThrownBy(() -> OptionSpec.of("other", "another plugin", KEY).rule(OptionRule.requires(KEY, LIMIT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'limit', which is not in spec other");
    }

    private static List<OptionProblem> problems(String json) throws Exception {
        return OUTER.bind(new ObjectMapper().readTree(json)).problems();
    }
}
