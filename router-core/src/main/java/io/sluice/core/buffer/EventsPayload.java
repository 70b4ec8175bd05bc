package io.sluice.core.buffer;

import java.nio.ByteBuffer;

/**
 * The payload layout of an event record: {@code int count, int length[count], bytes...} (big-endian), so that
 * read back the events lie one after another in one array, like the pipeline's encoded batches.
 */
final class EventsPayload {
    private EventsPayload() {}

    static long size(EventSlices events) {
        long size = 4L + 4L * events.count();
        for (int i = 0; i < events.count(); i++) size += events.length(i);
        return size;
    }

    static void write(EventSlices events, byte[] buf, int at) {
        ByteBuffer b = ByteBuffer.wrap(buf);
        int n = events.count();
        b.putInt(at, n);
        int data = at + 4 + 4 * n;
        for (int i = 0; i < n; i++) {
            int len = events.length(i);
            b.putInt(at + 4 + 4 * i, len);
            System.arraycopy(events.array(i), events.offset(i), buf, data, len);
            data += len;
        }
    }
}
