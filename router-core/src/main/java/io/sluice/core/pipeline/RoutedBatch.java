package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view, for a {@link RouteTap}, of one batch as the router split it: each event, its
 * encoded JSON (the exact bytes the sinks write), the outputs it goes to and whether it was
 * dead-lettered instead. Valid only during {@link RouteTap#routed}; copy what you keep.
 */
public final class RoutedBatch {
    private final String inputId;
    private final String sourceName;
    private final EventBatch batch;
    private final long[] masks;
    private final List<SinkRunner> sinks;

    RoutedBatch(String inputId, String sourceName, EventBatch batch, long[] masks, List<SinkRunner> sinks) {
        this.inputId = inputId;
        this.sourceName = sourceName;
        this.batch = batch;
        this.masks = masks;
        this.sinks = sinks;
    }

    /** The id of the input the batch came from. */
    public String inputId() { return inputId; }

    /** The name of the stream within the input ({@code SourceSpec.name}); null for an event a sink refused. */
    public String sourceName() { return sourceName; }

    public int size() { return batch.count; }

    public LogEvent event(int i) { return batch.events[i]; }

    /** The array holding event i's JSON at {@link #jsonOffset}; shared with the sinks, never modify it. */
    public byte[] jsonArray() { return batch.json; }

    public int jsonOffset(int i) { return batch.jsonStart[i]; }

    public int jsonLength(int i) { return batch.jsonLength(i); }

    /** A stage refused event i: it goes to the dead-letter sink and no route saw it. */
    public boolean deadLettered(int i) { return batch.events[i].rejection() != null; }

    /** Position of an output in the pipeline's output list, or -1 when there is no such output. */
    public int outputIndex(String outputId) {
        for (int s = 0; s < sinks.size(); s++) if (sinks.get(s).id().equals(outputId)) return s;
        return -1;
    }

    /** Whether event i goes to the output at {@code index} (see {@link #outputIndex}). */
    public boolean routedTo(int i, int index) {
        return index >= 0 && (masks[i] & (1L << index)) != 0;
    }

    /** The ids of the outputs event i goes to, in config order; empty when unrouted or dead-lettered. */
    public List<String> outputs(int i) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < sinks.size(); s++) if ((masks[i] & (1L << s)) != 0) out.add(sinks.get(s).id());
        return out;
    }
}
