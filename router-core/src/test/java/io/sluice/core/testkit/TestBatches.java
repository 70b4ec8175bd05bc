package io.sluice.core.testkit;

import io.sluice.core.event.LogEvent;
import io.sluice.core.plugin.SinkBatch;
import io.sluice.core.schema.EventEncoder;

import java.util.ArrayList;
import java.util.List;

/** Builds {@link SinkBatch}es from events for testing an output on its own. */
public final class TestBatches {
    private TestBatches() {}

    public static SinkBatch of(List<LogEvent> events) {
        EventEncoder encoder = new EventEncoder();
        List<byte[]> json = new ArrayList<>();
        long bytes = 0;
        for (LogEvent e : events) {
            byte[] b = encoder.encode(e);
            json.add(b);
            bytes += b.length;
        }
        long total = bytes;
        return new SinkBatch() {
            @Override public int size() { return events.size(); }
            @Override public LogEvent event(int i) { return events.get(i); }
            @Override public byte[] jsonArray(int i) { return json.get(i); }
            @Override public int jsonOffset(int i) { return 0; }
            @Override public int jsonLength(int i) { return json.get(i).length; }
            @Override public long byteSize() { return total; }
        };
    }

    /** A minimal valid event: message, service and sequence set, the rest normalized defaults. */
    public static LogEvent event(String service, String message, long sequence) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return new LogEvent().timestampNanos(now).createdNanos(now).sequence(sequence).message(message)
                .level(io.sluice.core.event.Level.INFO).serviceName(service).hostName("test-host")
                .inputType("tcp").inputId("test");
    }
}
