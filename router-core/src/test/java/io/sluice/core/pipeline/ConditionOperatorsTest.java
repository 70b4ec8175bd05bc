package io.sluice.core.pipeline;

import com.google.re2j.Pattern;
import io.sluice.api.event.LogEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionOperatorsTest {
    private static LogEvent withStatus(String status) {
        LogEvent e = new LogEvent().message("GET /api/v1/users");
        if (status != null) e.attributesOrCreate().putString("status", status);
        return e;
    }

    @Test
    void numericComparisonsReadTheFieldAsANumberAndNeverMatchText() {
        Condition serverErrors = Condition.compare("attributes.status", Condition.Comparison.GTE, 500);
        assertThat(serverErrors.test(withStatus("503"))).isTrue();
        assertThat(serverErrors.test(withStatus("500"))).isTrue();
        assertThat(serverErrors.test(withStatus("499.9"))).isFalse();
        assertThat(serverErrors.test(withStatus("n/a"))).isFalse();
        assertThat(serverErrors.test(withStatus(null))).isFalse();
        assertThat(Condition.compare("attributes.status", Condition.Comparison.LT, 200).test(withStatus("199"))).isTrue();
    }

    @Test
    void containsAndStartsWith() {
        assertThat(Condition.contains("message", "/v1/").test(withStatus(null))).isTrue();
        assertThat(Condition.startsWith("message", "GET ").test(withStatus(null))).isTrue();
        assertThat(Condition.startsWith("message", "/api").test(withStatus(null))).isFalse();
    }

    @Test
    void aRegexThatBacktracksForMinutesInJavaUtilRegexFinishesInLinearTime() {
        // java.util.regex needs 2^n steps for (a|aa)*b against a run of a's without the b
        LogEvent e = new LogEvent().message("a".repeat(100_000));
        long start = System.nanoTime();
        assertThat(Condition.regex("message", Pattern.compile("^(a|aa)*b$")).test(e)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
