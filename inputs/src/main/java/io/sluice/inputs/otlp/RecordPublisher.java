package io.sluice.inputs.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.otel.OtlpToEvent;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.schema.EventEncoder;

/**
 * Puts the records of one export request into the pipeline: each mapped to schema v1
 * (docs/otel.md) and encoded as its JSON, which the workers read back with the schema v1 decoder.
 * Batches are published as they fill; {@link Source#publish} always takes them, so when
 * {@link #publish} returns every record is in the pipeline. One per connection (a source is
 * single-threaded); keeps the connection's {@code event.sequence} counter.
 */
final class RecordPublisher {
    private final Source source;
    private final OtlpToEvent mapper;
    private final EventEncoder encoder = new EventEncoder();
    private final JsonBytes scratch = new JsonBytes(1024);
    private long sequence;

    RecordPublisher(Source source, OtlpToEvent mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    /** Returns the number of records published. */
    int publish(ExportLogsServiceRequest request) {
        long now = System.currentTimeMillis() * 1_000_000L;
        int n = 0;
        RawBatch batch = source.newBatch();
        for (ResourceLogs rl : request.getResourceLogsList()) {
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord r : sl.getLogRecordsList()) {
                    scratch.reset();
                    encoder.encode(mapper.map(rl.getResource(), sl.getScope(), r, now, sequence++), scratch);
                    batch.add(scratch.array(), 0, scratch.length(), 0, -1);
                    n++;
                    if (batch.isFull()) {
                        source.publish(batch);
                        batch = source.newBatch();
                    }
                }
            }
        }
        source.publish(batch);
        return n;
    }

    boolean hasCapacity() {
        return source.hasCapacity();
    }

    void close() {
        source.close();
    }
}
