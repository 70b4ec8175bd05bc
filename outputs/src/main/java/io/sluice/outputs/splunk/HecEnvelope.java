package io.sluice.outputs.splunk;

import io.sluice.api.event.FieldPaths;
import io.sluice.api.event.LogEvent;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.SinkBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes events for {@code /services/collector/event}: stacked JSON objects, one per line, each
 * {@code {"time":<epoch seconds.micros>,"host":..,"source":..,"sourcetype":..,"index":..,
 * "fields":{indexed fields},"event":<the schema v1 event>}}; or, for {@code /raw}, the events' JSON lines.
 */
final class HecEnvelope {
    private final boolean raw;
    private final String source;
    private final String sourcetype;
    private final String index;
    private final List<String> fieldNames;
    private final List<Function<LogEvent, String>> fieldReaders = new ArrayList<>();

    HecEnvelope(boolean raw, String source, String sourcetype, String index, List<String> fields) {
        this.raw = raw;
        this.source = source;
        this.sourcetype = sourcetype;
        this.index = index;
        this.fieldNames = List.copyOf(fields);
        for (String f : fields) fieldReaders.add(FieldPaths.reader(f));
    }

    void write(SinkBatch batch, int i, JsonBytes out) {
        if (raw) {
            out.raw(batch.jsonArray(i), batch.jsonOffset(i), batch.jsonLength(i)).raw((byte) '\n');
            return;
        }
        LogEvent e = batch.event(i);
        long nanos = e.timestampNanos();
        out.ascii("{\"time\":").number(nanos / 1_000_000_000L).raw((byte) '.').padded(nanos % 1_000_000_000L / 1000, 6);
        if (e.hostName() != null) out.ascii(",\"host\":").string(e.hostName());
        if (source != null) out.ascii(",\"source\":").string(source);
        out.ascii(",\"sourcetype\":").string(sourcetype);
        if (index != null) out.ascii(",\"index\":").string(index);
        boolean any = false;
        for (int f = 0; f < fieldNames.size(); f++) {
            String value = fieldReaders.get(f).apply(e);
            if (value == null) continue;
            out.ascii(any ? "," : ",\"fields\":{").string(fieldNames.get(f)).raw((byte) ':').string(value);
            any = true;
        }
        if (any) out.raw((byte) '}');
        out.ascii(",\"event\":").raw(batch.jsonArray(i), batch.jsonOffset(i), batch.jsonLength(i)).ascii("}\n");
    }
}
