package io.sluice.inputs.multiline;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StartPatternLinearTimeTest {
    @Test
    void aStartPatternThatWouldBacktrackForeverInJavaUtilRegexDecidesInLinearTime() {
        // (a+)+$ on 255 a's and a '!' takes 2^255 steps in java.util.regex
        MultilineRule rule = MultilineRule.create("pattern", Pattern.compile("(a+)+$"));
        byte[] line = ("a".repeat(255) + "!").getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        assertThat(rule.continues(line, 0, line.length)).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
