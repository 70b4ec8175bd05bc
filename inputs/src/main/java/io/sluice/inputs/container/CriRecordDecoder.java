package io.sluice.inputs.container;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Timestamps;

import java.time.ZoneOffset;

/** Decodes a CRI record (joined by {@link CriAssembler} when it was split): stream, time, then the text. */
final class CriRecordDecoder implements RecordDecoder {
    private final CriLine cri = new CriLine();
    private final InnerText inner;

    CriRecordDecoder(DecodeOptions options) {
        this.inner = new InnerText(options);
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        if (!cri.parse(b, off, len)) {
            inner.failed(b, off, len, event, "not a CRI log line (<time> <stream> <P|F> <text>)");
            return;
        }
        long time = Timestamps.parse(b, off, cri.timeEnd - off, ZoneOffset.UTC);
        if (time == LogEvent.NO_TIME) {
            inner.failed(b, off, len, event, "CRI log line with an unreadable time");
            return;
        }
        inner.decode(b, cri.textStart, off + len - cri.textStart, cri.streamName(), time, event);
    }
}
