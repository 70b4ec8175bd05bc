package io.sluice.inputs.container;

import io.sluice.inputs.multiline.RecordSink;

/**
 * What the CRI and Docker assemblers share: the per-stream partial records, the last line end seen
 * (the position of records flushed without a continuation) and the resume rule.
 */
abstract class JoiningAssembler implements RecordAssembler {
    protected final RecordSink out;
    protected final PartialStreams pending;
    protected final int maxLength;
    protected long lastEnd;

    JoiningAssembler(RecordSink out, int maxLength, PartialStreams.Layout layout) {
        this.out = out;
        this.maxLength = maxLength;
        this.pending = new PartialStreams(maxLength, layout);
    }

    /** A checkpoint must not pass the first fragment of a record still being joined. */
    protected long resume(long end) {
        return pending.resume(end);
    }

    @Override
    public void flush(long touchedBefore) {
        pending.flush(touchedBefore, lastEnd, out);
    }

    @Override
    public boolean hasPending() {
        return pending.any();
    }
}
