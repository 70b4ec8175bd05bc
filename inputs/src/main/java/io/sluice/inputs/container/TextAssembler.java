package io.sluice.inputs.container;

import io.sluice.core.plugin.RawBatch;

/** Plain text: one line, one record; empty lines are skipped. */
final class TextAssembler implements RecordAssembler {
    private final RecordSink out;

    TextAssembler(RecordSink out) {
        this.out = out;
    }

    @Override
    public void line(byte[] b, int off, int len, boolean truncated, long start, long end) {
        if (len == 0) return;
        out.record(b, off, len, truncated ? RawBatch.TRUNCATED : 0, start, end);
    }

    @Override
    public void flush() {
        // nothing is ever held
    }

    @Override
    public boolean hasPending() {
        return false;
    }
}
