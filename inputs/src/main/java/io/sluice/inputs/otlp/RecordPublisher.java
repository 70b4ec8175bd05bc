package io.sluice.inputs.otlp;

import io.micrometer.core.instrument.Counter;
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
 * A record that cannot be mapped or encoded goes in its place as an {@link UnmappedRecord}, which the
 * workers dead-letter, so the rest of the request goes through and nothing is lost or sent twice.
 * Batches are published as they fill; {@link Source#publish} always takes them, so when
 * {@link #publish} returns every record is in the pipeline. One per connection (a source is
 * single-threaded); keeps the connection's {@code event.sequence} counter. The encoder is the input's,
 * shared by its connections: its string caches (~50 KiB) are safe to share, and one per connection
 * would let a client hold them a thousand times over by opening connections.
 */
final class RecordPublisher {
    private final Source source;
    private final OtlpToEvent mapper;
    private final Counter unmapped;
    private final EventEncoder encoder;
    private final JsonBytes scratch = new JsonBytes(1024);
    private long sequence;

    /**
     * @param encoder  the input's, shared by its connections
     * @param unmapped counts the records that could not be mapped
     */
    RecordPublisher(Source source, OtlpToEvent mapper, EventEncoder encoder, Counter unmapped) {
        this.source = source;
        this.mapper = mapper;
        this.encoder = encoder;
        this.unmapped = unmapped;
    }

    ExportOutcome publish(ExportLogsServiceRequest request) {
        long now = System.currentTimeMillis() * 1_000_000L;
        int n = 0;
        int rejected = 0;
        String firstReason = null;
        RawBatch batch = source.newBatch();
        for (ResourceLogs rl : request.getResourceLogsList()) {
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord r : sl.getLogRecordsList()) {
                    scratch.reset();
                    try {
                        encoder.encode(mapper.map(rl.getResource(), sl.getScope(), r, now, sequence), scratch);
                    } catch (RuntimeException | StackOverflowError ex) {
                        // a value the mapping refuses, or a bug in it: this record alone goes to the dead
                        // letters. (Protobuf's recursion limit keeps values too shallow to overflow the stack.)
                        String why = ex instanceof OtlpToEvent.Unmappable ? ex.getMessage() : "mapping failed: " + ex;
                        if (firstReason == null) firstReason = why;
                        rejected++;
                        scratch.reset();
                        UnmappedRecord.write(rl, sl, r, why, scratch);
                    }
                    sequence++;
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
        if (rejected > 0) unmapped.increment(rejected);
        return new ExportOutcome(n, rejected, firstReason);
    }

    boolean hasCapacity() {
        return source.hasCapacity();
    }

    void close() {
        source.close();
    }
}
