package io.sluice.outputs.elasticsearch;

import io.sluice.api.plugin.SinkBatch;
import org.apache.http.entity.AbstractHttpEntity;
import org.apache.http.entity.ContentType;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;

/**
 * A bulk request body read straight from the batch: per event its action line, its encoded JSON
 * bytes as the batch holds them, and a newline. There is no copy of the whole body: with 10,000
 * events per bulk a body is about 5 MiB, and a buffer holding it stayed at that size per sending
 * thread (docs/performance.md, "Bulk and request buffers"). Repeatable, since the client sends it
 * again to the next host when one fails; valid while {@code send} holds the batch.
 */
final class BulkBody extends AbstractHttpEntity {
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    private static final byte[] NEWLINE = {'\n'};

    private final SinkBatch batch;
    private final byte[] actions;
    private final int[] actionEnds;
    private final long length;

    /** @param actionEnds where each event's action line ends in {@code actions} (the next one starts there) */
    BulkBody(SinkBatch batch, byte[] actions, int[] actionEnds) {
        this.batch = batch;
        this.actions = actions;
        this.actionEnds = actionEnds;
        long n = batch.size() == 0 ? 0 : actionEnds[batch.size() - 1];
        for (int i = 0; i < batch.size(); i++) n += batch.jsonLength(i) + 1;
        this.length = n;
        setContentType(NDJSON.toString());
    }

    @Override public boolean isRepeatable() { return true; }
    @Override public boolean isStreaming() { return false; }
    @Override public long getContentLength() { return length; }
    @Override public InputStream getContent() { return new Reader(); }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < batch.size(); i++) {
            int start = i == 0 ? 0 : actionEnds[i - 1];
            out.write(actions, start, actionEnds[i] - start);
            out.write(batch.jsonArray(i), batch.jsonOffset(i), batch.jsonLength(i));
            out.write('\n');
        }
    }

    /** Walks the body's parts in order: per event action line, JSON, newline. */
    private final class Reader extends InputStream {
        private int event;
        private int part; // 0 action line, 1 JSON, 2 newline
        private int pos;  // bytes of the current part already read

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            int done = 0;
            while (done < len && event < batch.size()) {
                byte[] src;
                int from;
                int size;
                if (part == 0) {
                    src = actions;
                    from = event == 0 ? 0 : actionEnds[event - 1];
                    size = actionEnds[event] - from;
                } else if (part == 1) {
                    src = batch.jsonArray(event);
                    from = batch.jsonOffset(event);
                    size = batch.jsonLength(event);
                } else {
                    src = NEWLINE;
                    from = 0;
                    size = 1;
                }
                int n = Math.min(size - pos, len - done);
                System.arraycopy(src, from + pos, b, off + done, n);
                done += n;
                pos += n;
                if (pos == size) {
                    pos = 0;
                    if (++part == 3) {
                        part = 0;
                        event++;
                    }
                }
            }
            return done == 0 ? -1 : done;
        }
    }
}
