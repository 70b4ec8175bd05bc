package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up's syslog records must take the path real messages take: parsed, not the raw-text fallback. */
class SyslogSamplesTest {
    @Test
    void everySampleParsesWithItsTimeHostAndApp() {
        Decoding decoding = new Decoding();
        assertThat(SyslogSamples.RECORDS).hasSizeGreaterThan(100);
        for (byte[] r : SyslogSamples.RECORDS) {
            String text = new String(r, StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("\n");
            LogEvent e = decoding.decode(r, 0);
            assertThat(e.hasTag(Tags.PARSE_FAILED)).as(text).isFalse();
            assertThat(e.rejection()).as(text).isNull();
            assertThat(e.hasTimestamp()).as(text).isTrue();
            assertThat(e.hostName()).as(text).isNotBlank();
            assertThat(e.serviceName()).as(text).isNotBlank();
        }
    }
}
