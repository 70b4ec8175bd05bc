package io.sluice.inputs.container;

import io.sluice.inputs.multiline.LineEnvelope;

/** A Docker json-file record's text is its escaped {@code log} field; stdout and stderr are joined apart. */
final class DockerEnvelope implements LineEnvelope {
    static final DockerEnvelope INSTANCE = new DockerEnvelope();

    @Override
    public boolean locate(byte[] b, int off, int end, int[] out) {
        int ts = DockerJson.logContentStart(b, off, end);
        int te = ts < 0 ? -1 : DockerJson.stringEnd(b, ts, end);
        if (te < 0) return false;
        out[0] = ts;
        out[1] = te;
        out[2] = DockerJson.stream(b, te + 1, end);
        return true;
    }

    @Override
    public boolean escaped() {
        return true;
    }

    @Override
    public boolean endsWithNewline(byte[] b, int from, int to) {
        return DockerJson.endsWithNewline(b, from, to);
    }
}
