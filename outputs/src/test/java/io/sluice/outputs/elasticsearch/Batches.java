package io.sluice.outputs.elasticsearch;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.schema.EventEncoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** SinkBatches for the tests: from events and their JSON bytes (crafted ones included), and sub-batches. */
final class Batches {
    private Batches() {}

    /**
     * A batch whose event {@code i} is sent as {@code json.get(i)}, whatever the event holds. All
     * JSON sits in one shared array, as in the pipeline's buffers, so offsets are exercised too.
     */
    static SinkBatch withJson(List<LogEvent> events, List<byte[]> json) {
        int[] offsets = new int[json.size() + 1];
        for (int i = 0; i < json.size(); i++) offsets[i + 1] = offsets[i] + json.get(i).length;
        byte[] all = new byte[offsets[json.size()]];
        for (int i = 0; i < json.size(); i++) System.arraycopy(json.get(i), 0, all, offsets[i], json.get(i).length);
        return new SinkBatch() {
            @Override public int size() { return events.size(); }
            @Override public LogEvent event(int i) { return events.get(i); }
            @Override public byte[] jsonArray(int i) { return all; }
            @Override public int jsonOffset(int i) { return offsets[i]; }
            @Override public int jsonLength(int i) { return offsets[i + 1] - offsets[i]; }
            @Override public long byteSize() { return all.length; }
        };
    }

    static byte[] encode(LogEvent e) {
        return new EventEncoder().encode(e);
    }

    static String encodedString(LogEvent e) {
        return new String(encode(e), StandardCharsets.UTF_8);
    }

    /** The events of {@code batch} at {@code indices}, in that order; what the core resends after a partial failure. */
    static SinkBatch subset(SinkBatch batch, int[] indices) {
        long total = 0;
        for (int i : indices) total += batch.jsonLength(i);
        long bytes = total;
        return new SinkBatch() {
            @Override public int size() { return indices.length; }
            @Override public LogEvent event(int i) { return batch.event(indices[i]); }
            @Override public byte[] jsonArray(int i) { return batch.jsonArray(indices[i]); }
            @Override public int jsonOffset(int i) { return batch.jsonOffset(indices[i]); }
            @Override public int jsonLength(int i) { return batch.jsonLength(indices[i]); }
            @Override public long byteSize() { return bytes; }
        };
    }
}
