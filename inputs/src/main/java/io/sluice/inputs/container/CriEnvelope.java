package io.sluice.inputs.container;

import io.sluice.inputs.multiline.LineEnvelope;

/** A CRI record's text follows its {@code <time> <stream> <tag>} prefix; stdout and stderr are joined apart. */
final class CriEnvelope implements LineEnvelope {
    private final CriLine cri = new CriLine();

    @Override
    public boolean locate(byte[] b, int off, int end, int[] out) {
        if (!cri.parse(b, off, end - off)) return false;
        out[0] = cri.textStart;
        out[1] = end;
        out[2] = cri.stream;
        return true;
    }
}
