package io.sluice.inputs.container;

import io.sluice.inputs.multiline.RecordSink;
import io.sluice.api.plugin.RawBatch;

/**
 * CRI lines (containerd, CRI-O): {@code P} lines are joined with the following lines of the same
 * stream up to the {@code F} line; stdout and stderr are joined separately. A joined record is
 * written as one full line, {@code <time of the first fragment> <stream> F <joined text>}, so the
 * decoder parses single and joined records alike.
 */
final class CriAssembler extends JoiningAssembler {
    private final CriLine cri = new CriLine();

    CriAssembler(RecordSink out, int maxLength) {
        super(out, maxLength, PartialStreams.Layout.CRI);
    }

    @Override
    public void line(byte[] b, int off, int len, boolean truncated, long start, long end) {
        lastEnd = end;
        if (len == 0) return;
        int flags = truncated ? RawBatch.TRUNCATED : 0;
        if (!cri.parse(b, off, len)) {
            out.record(b, off, len, flags, start, resume(end));
            return;
        }
        Partial p = pending.of(cri.stream);
        int textEnd = off + len;
        if (!p.active() && !cri.partial && textEnd - cri.textStart <= maxLength) {
            out.record(b, off, len, flags, start, resume(end));
            return;
        }
        if (!p.active()) {
            // head: "<time> <stream> ", the tag becomes F when the record is written
            int headEnd = cri.tagStart >= 0 ? cri.tagStart : cri.textStart;
            p.begin(start, b, off, headEnd - off);
        }
        if (cri.partial) {
            p.append(b, cri.textStart, textEnd - cri.textStart);
            if (truncated) p.markTruncated();
            return;
        }
        p.append(b, cri.textStart, textEnd - cri.textStart);
        if (truncated) p.markTruncated();
        pending.emit(p, end, out);
    }
}
