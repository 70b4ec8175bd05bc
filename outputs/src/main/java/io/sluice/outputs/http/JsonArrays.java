package io.sluice.outputs.http;

import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.SinkBatch;

/** Request bodies that are one JSON array with an item per event. */
public final class JsonArrays {
    /** Writes one event's item. */
    @FunctionalInterface
    public interface ItemWriter {
        void write(SinkBatch batch, int i, JsonBytes out);
    }

    /** The brackets an array adds to its items, for splitting. */
    public static final int BRACKETS = 2;

    private JsonArrays() {}

    public static void write(SinkBatch batch, int[] events, JsonBytes body, ItemWriter item) {
        body.raw((byte) '[');
        for (int k = 0; k < events.length; k++) {
            if (k > 0) body.raw((byte) ',');
            item.write(batch, events[k], body);
        }
        body.raw((byte) ']');
    }
}
