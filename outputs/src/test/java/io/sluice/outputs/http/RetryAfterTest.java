package io.sluice.outputs.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("120", clock)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateRelativeToNow() {
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 10:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 09:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void capsAbsurdWaitsAndIgnoresWhatItCannotRead() {
        assertThat(RetryAfter.parse("86400", clock)).isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }
}
