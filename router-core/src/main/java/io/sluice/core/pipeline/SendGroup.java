package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.SinkBatch;

import java.util.BitSet;
import java.util.List;

/**
 * The events of one send: the {@link SinkSlice}s a sink runner took from its buffer as one group,
 * presented to the output as one {@link SinkBatch} (and, for a retry, the subset still to send).
 */
final class SendGroup implements SinkBatch {
    private final EventBatch[] owners;
    private final int[] indexes;
    private final long bytes;

    SendGroup(List<SinkSlice> parts) {
        int n = 0;
        for (SinkSlice p : parts) n += p.size();
        owners = new EventBatch[n];
        indexes = new int[n];
        long b = 0;
        int k = 0;
        for (SinkSlice p : parts) {
            for (int i : p.indexes) {
                owners[k] = p.batch;
                indexes[k++] = i;
            }
            b += p.bytes;
        }
        bytes = b;
    }

    private SendGroup(EventBatch[] owners, int[] indexes) {
        this.owners = owners;
        this.indexes = indexes;
        long b = 0;
        for (int k = 0; k < indexes.length; k++) b += owners[k].jsonLength(indexes[k]);
        this.bytes = b;
    }

    /** The events at the set positions, for a retry of just those. */
    SendGroup subset(BitSet positions) {
        int n = positions.cardinality();
        EventBatch[] o = new EventBatch[n];
        int[] idx = new int[n];
        int k = 0;
        for (int i = positions.nextSetBit(0); i >= 0; i = positions.nextSetBit(i + 1)) {
            if (i >= indexes.length) break;
            o[k] = owners[i];
            idx[k++] = indexes[i];
        }
        if (k < n) {
            o = java.util.Arrays.copyOf(o, k);
            idx = java.util.Arrays.copyOf(idx, k);
        }
        return new SendGroup(o, idx);
    }

    @Override public int size() { return indexes.length; }
    @Override public LogEvent event(int i) { return owners[i].events[indexes[i]]; }
    @Override public byte[] jsonArray(int i) { return owners[i].json; }
    @Override public int jsonOffset(int i) { return owners[i].jsonStart[indexes[i]]; }
    @Override public int jsonLength(int i) { return owners[i].jsonLength(indexes[i]); }
    @Override public long byteSize() { return bytes; }
}
