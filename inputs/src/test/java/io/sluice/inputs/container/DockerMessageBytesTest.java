package io.sluice.inputs.container;

import io.sluice.api.event.LogEvent;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.api.schema.Normalizer;
import io.sluice.core.pipeline.RecordProcessor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the worker's path a Docker record's message is kept as the record's own escaped bytes when that
 * gives the output escaping the decoded text gives: the encoded events and the messages a condition
 * reads must be the same as when every record is decoded on its own (bytes copied).
 */
class DockerMessageBytesTest {
    private static final List<String> LOGS = List.of(
            "order placed 42\\n",
            "order placed: \\\"42\\\" for user=7\\n", // quotes in prose (a line that starts as Go's logfmt is read as logfmt)
            "tab\\there, caf\u00e9 \u2603 \uD83D\uDE00\\n",
            "escaped unicode caf\\u00e9\\n",
            "a slash \\/ escaped\\n",
            "windows line\\r\\n",
            "ends in an escaped newline\\u000a",
            "no newline at all",
            "a raw\ttab and a raw\u0001 control character\\n",
            "{\\\"msg\\\":\\\"inner json\\\",\\\"level\\\":\\\"warn\\\"}\\n",
            "2026-11-25 10:00:00,123 ERROR [main] with a leading time\\n",
            "back\\\\slash and \\\"quotes\\\"\\n");

    @Test
    void keptBytesEncodeAndReadLikeDecodedText() {
        RawBatch batch = new RawBatch(LOGS.size(), 1 << 16);
        for (int i = 0; i < LOGS.size(); i++) {
            byte[] line = ("{\"log\":\"" + LOGS.get(i) + "\",\"stream\":\"stdout\",\"time\":\"2026-11-25T10:00:0" + i
                    + ".123456789Z\"}").getBytes(StandardCharsets.UTF_8);
            batch.add(line, 0, line.length, 0, i);
        }
        RecordDecoder worker = Format.DOCKER.decoder(DecodeOptions.DEFAULT).create();
        SourceSpec spec = SourceSpec.of("pods", "container", () -> worker);
        RecordProcessor processor = new RecordProcessor(new Normalizer(NormalizeSettings.defaults()));
        LogEvent[] events = new LogEvent[LOGS.size()];
        for (int i = 0; i < LOGS.size(); i++) events[i] = processor.process(batch, i, spec, worker, i, 0, "pods");

        // every record decoded later, so a decoder buffer reused by a later record would show in an earlier event
        for (int i = 0; i < LOGS.size(); i++) {
            LogEvent alone = new LogEvent().createdNanos(0).sequence(i).inputType("container").inputId("pods");
            RecordDecoder fresh = Format.DOCKER.decoder(DecodeOptions.DEFAULT).create();
            fresh.decode(batch.data(), batch.start(i), batch.length(i), alone);
            new Normalizer(NormalizeSettings.defaults()).finish(alone);
            assertThat(encode(events[i])).as(LOGS.get(i)).isEqualTo(encode(alone));
            assertThat(events[i].message()).as(LOGS.get(i)).isEqualTo(alone.message());
        }
        assertThat(events[1].message()).isEqualTo("order placed: \"42\" for user=7");
        assertThat(events[1].messageRawBytes()).as("kept as the record's escaped bytes").isNotNull();
        assertThat(events[3].message()).isEqualTo("escaped unicode caf\u00e9");
        assertThat(events[5].message()).isEqualTo("windows line");
    }

    private static String encode(LogEvent e) {
        JsonBytes out = new JsonBytes(512);
        new EventEncoder().encode(e, out);
        return out.toString();
    }
}
