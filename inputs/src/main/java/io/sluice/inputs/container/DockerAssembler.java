package io.sluice.inputs.container;

import io.sluice.inputs.multiline.RecordSink;
import io.sluice.api.plugin.RawBatch;

/**
 * Docker json-file lines: Docker splits a log line longer than 16 KiB into records whose {@code log}
 * does not end in {@code \n}; those are joined with the following records of the same stream. The
 * joined record is written as one json-file line whose {@code log} is the concatenated escaped
 * content (escapes never span chunks, since Docker escapes each chunk on its own) and whose other
 * fields are the first chunk's.
 */
final class DockerAssembler extends JoiningAssembler {

    DockerAssembler(RecordSink out, int maxLength) {
        super(out, maxLength, PartialStreams.Layout.DOCKER);
    }

    @Override
    public void line(byte[] b, int off, int len, boolean truncated, long start, long end) {
        lastEnd = end;
        if (len == 0) return;
        int flags = truncated ? RawBatch.TRUNCATED : 0;
        int lineEnd = off + len;
        int cs = truncated ? -1 : DockerJson.logContentStart(b, off, lineEnd);
        int ce = cs < 0 ? -1 : DockerJson.stringEnd(b, cs, lineEnd);
        if (ce < 0) {
            // not the shape Docker writes (or cut): no joining, the decoder decides what it is
            out.record(b, off, len, flags, start, resume(end));
            return;
        }
        Partial p = pending.of(DockerJson.stream(b, ce + 1, lineEnd));
        boolean complete = DockerJson.endsWithNewline(b, cs, ce);
        if (!p.active()) {
            if (complete && ce - cs <= maxLength) {
                out.record(b, off, len, flags, start, resume(end));
                return;
            }
            // a split line, or one too long: the closing quote and the fields after it are its head
            p.begin(start, b, ce, lineEnd - ce);
        }
        append(p, b, cs, ce - cs);
        if (complete) pending.emit(p, end, out);
    }

    private static void append(Partial p, byte[] b, int from, int n) {
        int room = p.room();
        if (n > room) {
            p.append(b, from, room <= 0 ? 0 : DockerJson.safeCut(b, from, room));
            p.markTruncated();
        } else {
            p.append(b, from, n);
        }
    }
}
