package io.sluice.core.testkit;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.schema.EventEncoder;

import java.util.List;

/** Builds {@link SinkBatch}es from events for testing an output on its own. */
public final class TestBatches {
    private TestBatches() {}

    /**
     * Encodes the events into ONE shared array, as the pipeline does, so an output that treats an
     * event's bytes as if they began at index 0 of the array (or ran to its end) fails its tests.
     */
    public static SinkBatch of(List<LogEvent> events) {
        EventEncoder encoder = new EventEncoder();
        io.sluice.api.json.JsonBytes all = new io.sluice.api.json.JsonBytes(1024);
        all.ascii("[padding before the first event]");
        int[] starts = new int[events.size()];
        int[] lengths = new int[events.size()];
        for (int i = 0; i < events.size(); i++) {
            starts[i] = all.length();
            encoder.encode(events.get(i), all);
            lengths[i] = all.length() - starts[i];
            all.raw((byte) '\n'); // bytes between events that no sink may write
        }
        all.ascii("[padding after the last event]");
        byte[] json = all.toByteArray();
        long total = 0;
        for (int l : lengths) total += l;
        long bytes = total;
        return new SinkBatch() {
            @Override public int size() { return events.size(); }
            @Override public LogEvent event(int i) { return events.get(i); }
            @Override public byte[] jsonArray(int i) { return json; }
            @Override public int jsonOffset(int i) { return starts[i]; }
            @Override public int jsonLength(int i) { return lengths[i]; }
            @Override public long byteSize() { return bytes; }
        };
    }

    /** A minimal valid event: message, service and sequence set, the rest normalized defaults. */
    public static LogEvent event(String service, String message, long sequence) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return new LogEvent().timestampNanos(now).createdNanos(now).sequence(sequence).message(message)
                .level(io.sluice.api.event.Level.INFO).serviceName(service).hostName("test-host")
                .inputType("tcp").inputId("test");
    }
}
