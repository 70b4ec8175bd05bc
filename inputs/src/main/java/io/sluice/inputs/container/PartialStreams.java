package io.sluice.inputs.container;

import io.sluice.inputs.multiline.RecordSink;

/**
 * The records being joined in one file, one per stream (stdout, stderr), and how a joined record is
 * written out: CRI as {@code <head> F <body>}, Docker as {@code {"log":"<body><head>} where the head
 * is the first chunk's closing quote and fields.
 */
final class PartialStreams {
    enum Layout { CRI, DOCKER }

    private static final byte[] CRI_FULL_TAG = {'F', ' '};
    private static final byte[] DOCKER_PREFIX = "{\"log\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Partial[] pending;
    private final Layout layout;
    private byte[] scratch = new byte[1024];

    PartialStreams(int maxBody, Layout layout) {
        this.pending = new Partial[] {new Partial(maxBody), new Partial(maxBody)};
        this.layout = layout;
    }

    Partial of(int stream) {
        return pending[stream];
    }

    /** A checkpoint must not pass the first fragment of a record still being joined. */
    long resume(long end) {
        long r = end;
        for (Partial p : pending) {
            if (p.active() && p.start() < r) r = p.start();
        }
        return r;
    }

    /** The pending record that started first, or null. */
    Partial earliest() {
        Partial first = null;
        for (Partial p : pending) {
            if (p.active() && (first == null || p.start() < first.start())) first = p;
        }
        return first;
    }

    boolean any() {
        return pending[0].active() || pending[1].active();
    }

    /** Writes the joined record, clears it, and hands it out with the resume position that follows. */
    void emit(Partial p, long end, RecordSink out) {
        int n = p.headLength() + p.bodyLength() + (layout == Layout.CRI ? CRI_FULL_TAG.length : DOCKER_PREFIX.length);
        if (scratch.length < n) scratch = new byte[Math.max(n, scratch.length * 2)];
        int w;
        if (layout == Layout.CRI) {
            w = put(p.head(), p.headLength(), 0);
            w = put(CRI_FULL_TAG, CRI_FULL_TAG.length, w);
            put(p.body(), p.bodyLength(), w);
        } else {
            w = put(DOCKER_PREFIX, DOCKER_PREFIX.length, 0);
            w = put(p.body(), p.bodyLength(), w);
            put(p.head(), p.headLength(), w);
        }
        long start = p.start();
        int flags = p.truncated() ? io.sluice.api.plugin.RawBatch.TRUNCATED : 0;
        p.clear();
        out.record(scratch, 0, n, flags, start, resume(end));
        if (scratch.length > 64 * 1024) scratch = new byte[1024];
    }

    /** Hands out the pending records last extended before {@code touchedBefore}, oldest first. */
    void flush(long touchedBefore, long end, RecordSink out) {
        while (true) {
            Partial first = null;
            for (Partial p : pending) {
                if (p.active() && p.touchedNanos() < touchedBefore && (first == null || p.start() < first.start())) first = p;
            }
            if (first == null) return;
            emit(first, end, out);
        }
    }

    private int put(byte[] src, int len, int at) {
        System.arraycopy(src, 0, scratch, at, len);
        return at + len;
    }
}
