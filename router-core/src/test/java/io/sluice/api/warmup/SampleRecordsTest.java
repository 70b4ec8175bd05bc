package io.sluice.api.warmup;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.RecordFormats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A warm-up on records the format cannot read would compile the failure path, not the one real records take. */
class SampleRecordsTest {
    @ParameterizedTest
    @ValueSource(strings = {"json", "auto", "logfmt", "spring_boot"})
    void everySampleIsReadByItsFormatWithATimeAndLevelWhereTheLayoutHasThem(String format) {
        List<byte[]> records = SampleRecords.forFormat(format);
        assertThat(records).hasSizeGreaterThanOrEqualTo(SampleRecords.PER_LAYOUT);
        RecordDecoder decoder = RecordFormats.STANDARD.decoders(format, DecodeOptions.DEFAULT).create();
        int timed = 0;
        for (byte[] r : records) {
            assertThat(new String(r)).doesNotContain("\n"); // a warm-up block is cut at newlines
            LogEvent e = new LogEvent();
            decoder.decode(r, 0, r.length, e);
            e.decoded();
            assertThat(e.hasTag(Tags.PARSE_FAILED)).as(new String(r)).isFalse();
            assertThat(e.rejection()).as(new String(r)).isNull();
            assertThat(e.message()).as(new String(r)).isNotBlank();
            if (e.hasTimestamp()) timed++;
        }
        // every layout carries its time, but for auto: its bare message has none, and auto leaves logfmt as text
        assertThat(timed).isGreaterThanOrEqualTo("auto".equals(format) ? records.size() * 4 / 6 : records.size());
    }
}
