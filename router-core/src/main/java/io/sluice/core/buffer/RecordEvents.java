package io.sluice.core.buffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The events of a record written by {@link DiskBuffer#appendEvents}, read back: event i is
 * {@code array()[start(i) .. start(i + 1))}, one event after another in one array (no copy per event).
 */
public final class RecordEvents {
    private final byte[] array;
    private final int[] starts;

    private RecordEvents(byte[] array, int[] starts) {
        this.array = array;
        this.starts = starts;
    }

    /** Reads the layout of an event payload; throws IllegalArgumentException when it is not one. */
    static RecordEvents parse(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        if (payload.length < 4) throw notEvents();
        int n = b.getInt(0);
        if (n < 0 || 4L + 4L * n > payload.length) throw notEvents();
        int[] starts = new int[n + 1];
        long at = 4L + 4L * n;
        for (int i = 0; i < n; i++) {
            starts[i] = (int) at;
            int len = b.getInt(4 + 4 * i);
            if (len < 0) throw notEvents();
            at += len;
            if (at > payload.length) throw notEvents();
        }
        if (at != payload.length) throw notEvents();
        starts[n] = (int) at;
        return new RecordEvents(payload, starts);
    }

    /** The number of events in an event payload, read from its first four bytes (no parsing). */
    static int countOf(byte[] payload) {
        return payload.length < 4 ? 0 : ByteBuffer.wrap(payload).getInt(0);
    }

    private static IllegalArgumentException notEvents() {
        return new IllegalArgumentException("record payload is not an event list (written with append, not appendEvents?)");
    }

    public int count() {
        return starts.length - 1;
    }

    /** The array holding every event. */
    public byte[] array() {
        return array;
    }

    public int start(int i) {
        return starts[i];
    }

    public int length(int i) {
        return starts[i + 1] - starts[i];
    }

    /** A copy of event i (tests, tools; the hot path uses array/start/length). */
    public byte[] copy(int i) {
        return Arrays.copyOfRange(array, starts[i], starts[i + 1]);
    }
}
