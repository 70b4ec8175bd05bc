package io.sluice.inputs.container;

import java.util.Arrays;

/**
 * One stream's record being joined from partial lines: a head kept from the first fragment (its
 * time and stream), the joined body, and the file offset where the first fragment started. The body
 * is capped; what goes past the cap is dropped and the record is flagged truncated.
 */
final class Partial {
    private final int maxBody;
    private byte[] head = new byte[64];
    private int headLen;
    private byte[] body = new byte[256];
    private int bodyLen;
    private long start = -1;
    private boolean truncated;
    private long touchedNanos;

    Partial(int maxBody) {
        this.maxBody = maxBody;
    }

    boolean active() {
        return start >= 0;
    }

    long start() {
        return start;
    }

    boolean truncated() {
        return truncated;
    }

    /** When a fragment was last added ({@link System#nanoTime}), for the flush timeout. */
    long touchedNanos() {
        return touchedNanos;
    }

    void begin(long offset, byte[] b, int headOff, int headLength) {
        start = offset;
        touchedNanos = System.nanoTime();
        truncated = false;
        bodyLen = 0;
        if (headLength > head.length) head = new byte[headLength];
        System.arraycopy(b, headOff, head, 0, headLength);
        headLen = headLength;
    }

    int room() {
        return maxBody - bodyLen;
    }

    /** Appends up to {@link #room()} bytes; callers that must cut at a safe place pass a shorter length. */
    void append(byte[] b, int off, int n) {
        touchedNanos = System.nanoTime();
        int take = Math.min(n, room());
        if (take < n) truncated = true;
        if (take <= 0) return;
        if (bodyLen + take > body.length) body = Arrays.copyOf(body, Math.max(bodyLen + take, body.length * 2));
        System.arraycopy(b, off, body, bodyLen, take);
        bodyLen += take;
    }

    void markTruncated() {
        truncated = true;
    }

    byte[] head() { return head; }
    int headLength() { return headLen; }
    byte[] body() { return body; }
    int bodyLength() { return bodyLen; }

    void clear() {
        start = -1;
        truncated = false;
        bodyLen = 0;
        headLen = 0;
        if (body.length > 64 * 1024) body = new byte[256];
    }
}
