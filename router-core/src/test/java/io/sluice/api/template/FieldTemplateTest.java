package io.sluice.api.template;

import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionException;
import io.sluice.core.testkit.TestBatches;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldTemplateTest {
    /** Upper-cases values and refuses '#' in literals, so tests can tell escaping from literal text. */
    private static final TemplateTarget SHOUT = new TemplateTarget() {
        @Override
        public String refuseLiteral(String literal) {
            return literal.indexOf('#') >= 0 ? "'#' is not allowed here" : null;
        }

        @Override
        public void appendValue(String value, StringBuilder out) {
            out.append(value.toUpperCase(java.util.Locale.ROOT));
        }
    };

    private static FieldTemplate parse(String text, MissingField missing) throws OptionException {
        return FieldTemplate.parse(text, SHOUT, missing);
    }

    private static LogEvent event(String service) {
        return TestBatches.event(service, "m", 1).labels(Map.of("team", "pay/ments"));
    }

    @Test
    void rendersLiteralsAsWrittenAndValuesThroughTheTargetsEscaping() throws Exception {
        FieldTemplate t = parse("logs.{service.name}-{ labels.team }.x", MissingField.WRITE_UNKNOWN);
        assertThat(t.render(event("api"))).isEqualTo("logs.API-PAY/MENTS.x");
        assertThat(t.render(event("web"), new StringBuilder("left over"))).isEqualTo("logs.WEB-PAY/MENTS.x");
        assertThat(t.paths()).containsExactly("service.name", "labels.team");
        assertThat(t.isConstant()).isFalse();
        assertThat(t.fieldCount()).isEqualTo(2);
        assertThat(t.literal(0)).isEqualTo("logs.");
        assertThat(t.literal(2)).isEqualTo(".x");
    }

    @Test
    void aTemplateWithoutFieldsIsItsOwnTextAndAStrayClosingBraceIsLiteral() throws Exception {
        FieldTemplate t = parse("plain}name", MissingField.NO_RESULT);
        assertThat(t.isConstant()).isTrue();
        assertThat(t.render(event("api"))).isEqualTo("plain}name");
        assertThat(parse("a}{service.name}", MissingField.NO_RESULT).render(event("x"))).isEqualTo("a}X");
    }

    @Test
    void aMissingOrEmptyFieldIsUnknownOrNoResultAsTheSinkChooses() throws Exception {
        LogEvent noTeam = TestBatches.event("api", "m", 1);
        LogEvent emptyService = TestBatches.event("", "m", 1);

        FieldTemplate unknown = parse("{labels.team}/{service.name}", MissingField.WRITE_UNKNOWN);
        assertThat(unknown.render(noTeam)).isEqualTo("unknown/API");
        assertThat(unknown.render(emptyService)).isEqualTo("unknown/unknown");

        FieldTemplate none = parse("{labels.team}/{service.name}", MissingField.NO_RESULT);
        assertThat(none.render(noTeam)).isNull();
        assertThat(none.render(emptyService)).isNull();
        assertThat(none.render(event("api"))).isEqualTo("PAY/MENTS/API");
    }

    @Test
    void everyParseErrorQuotesTheTemplateAndSaysWhatToWrite() {
        assertThatThrownBy(() -> parse("logs.{service.nam}", MissingField.NO_RESULT))
                .isInstanceOf(OptionException.class)
                .hasMessage("'logs.{service.nam}': {service.nam} is not an event field; use a schema v1 field such as"
                        + " {service.name}, {host.name}, {log.level}, {labels.<key>} or {attributes.<key>}");
        assertThatThrownBy(() -> parse("logs.{service.name", MissingField.NO_RESULT))
                .hasMessage("'logs.{service.name': '{' at character 6 is not closed by '}'");
        assertThatThrownBy(() -> parse("x{}", MissingField.NO_RESULT))
                .hasMessageStartingWith("'x{}': {} is not an event field");
        assertThatThrownBy(() -> parse("a#{service.name}", MissingField.NO_RESULT))
                .hasMessage("'a#{service.name}': '#' is not allowed here");
        assertThatThrownBy(() -> parse("{service.name}#", MissingField.NO_RESULT))
                .hasMessage("'{service.name}#': '#' is not allowed here");
        assertThatThrownBy(() -> parse("  ", MissingField.NO_RESULT)).hasMessage("must not be empty");
    }

    @Test
    void templatesWithTheSameTextTargetAndPolicyAreEqualSoHotReloadKeepsTheOutput() throws Exception {
        FieldTemplate a = parse("logs.{service.name}", MissingField.NO_RESULT);
        assertThat(a).isEqualTo(parse("logs.{service.name}", MissingField.NO_RESULT)).hasSameHashCodeAs(
                parse("logs.{service.name}", MissingField.NO_RESULT));
        assertThat(a).isNotEqualTo(parse("logs.{host.name}", MissingField.NO_RESULT));
        assertThat(a).isNotEqualTo(parse("logs.{service.name}", MissingField.WRITE_UNKNOWN));
        assertThat(a).isNotEqualTo(FieldTemplate.parse("logs.{service.name}", (v, out) -> out.append(v), MissingField.NO_RESULT));
        assertThat(a).hasToString("logs.{service.name}");
    }
}
