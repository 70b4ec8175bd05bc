package io.sluice.inputs.container;

import io.sluice.inputs.multiline.RecordSink;
import io.sluice.api.plugin.RawBatch;

/** Plain text: one line, one record, at most the record limit; empty lines are skipped. */
final class TextAssembler implements RecordAssembler {
    private final RecordSink out;
    private final int maxLength;

    TextAssembler(RecordSink out, int maxLength) {
        this.out = out;
        this.maxLength = maxLength;
    }

    @Override
    public void line(byte[] b, int off, int len, boolean truncated, long start, long end) {
        if (len == 0) return;
        if (len > maxLength) {
            // the framer's limit has room for container formats; a text line gets the record limit
            len = maxLength;
            while (len > 0 && (b[off + len] & 0xC0) == 0x80) len--;
            truncated = true;
        }
        out.record(b, off, len, truncated ? RawBatch.TRUNCATED : 0, start, end);
    }

    @Override
    public void flush(long touchedBefore) {
        // nothing is ever held
    }

    @Override
    public boolean hasPending() {
        return false;
    }
}
