package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.core.pipeline.RecordProcessor;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.api.schema.Normalizer;

import java.nio.charset.StandardCharsets;

/** Runs records through the syslog decoder the way the pipeline does (UTF-8 repair, decode, normalize). */
final class Decoding {
    private final RecordProcessor processor = new RecordProcessor(new Normalizer(NormalizeSettings.defaults()));
    private final SyslogDecoder decoder;
    private final SourceSpec spec;

    Decoding(DecodeOptions options, SyslogDecoder.MessageParsing parsing) {
        this(options, parsing, false);
    }

    /** @param firstWordTag {@code rfc3164_tag: first_word} */
    Decoding(DecodeOptions options, SyslogDecoder.MessageParsing parsing, boolean firstWordTag) {
        this.decoder = new SyslogDecoder(options, parsing, firstWordTag, null);
        this.spec = SourceSpec.of("test", "syslog", () -> decoder);
    }

    Decoding() {
        this(DecodeOptions.DEFAULT, SyslogDecoder.MessageParsing.NONE);
    }

    LogEvent decode(byte[] raw, long observedNanos) {
        RawBatch batch = new RawBatch(1, raw.length + 1);
        batch.add(raw, 0, raw.length, 0, -1);
        return processor.process(batch, 0, spec, decoder, 0, observedNanos, "sys");
    }

    LogEvent decode(String raw) {
        return decode(raw.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() * 1_000_000L);
    }
}
