package io.sluice.core.pipeline;

import io.sluice.core.buffer.BufferRecord;
import io.sluice.core.buffer.DiskBuffer;
import io.sluice.core.buffer.EventSlices;
import io.sluice.core.buffer.RecordEvents;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.SchemaV1Decoder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk buffer of a sink. A routed batch is appended as one record (its events' JSON, as
 * encoded) and acknowledged upstream as soon as it is written (durably, per the fsync policy), so
 * inputs may advance their checkpoints; the sink reads records back in order and the record is
 * acknowledged on disk only once the sink has it. Events are decoded back from their schema v1 JSON
 * for the sink's templates; the bytes the sink writes are the stored ones.
 */
final class DiskSinkQueue implements SinkQueue {
    private final DiskBuffer buffer;

    DiskSinkQueue(DiskBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public boolean put(SinkSlice batch) throws InterruptedException {
        if (!buffer.appendEvents(slices(batch))) return false;
        batch.batch.delivered();
        return true;
    }

    @Override
    public boolean offer(SinkSlice batch) {
        if (!buffer.tryAppendEvents(slices(batch))) return false;
        batch.batch.delivered();
        return true;
    }

    private static EventSlices slices(SinkSlice b) {
        EventBatch eb = b.batch;
        return new EventSlices() {
            @Override public int count() { return b.indexes.length; }
            @Override public byte[] array(int i) { return eb.json; }
            @Override public int offset(int i) { return eb.jsonStart[b.indexes[i]]; }
            @Override public int length(int i) { return eb.jsonLength(b.indexes[i]); }
        };
    }

    @Override
    public List<SinkSlice> takeGroup(long firstWaitMillis, long maxDelayMillis, int maxEvents, long maxBytes)
            throws InterruptedException {
        List<BufferRecord> records = buffer.readGroup(firstWaitMillis, maxDelayMillis, maxEvents, maxBytes,
                BufferRecord::eventCount);
        List<SinkSlice> out = new ArrayList<>(records.size());
        // a decoder per call: several sink threads may read at once, and decoders keep scratch state
        SchemaV1Decoder decoder = new SchemaV1Decoder(new JsonRecordDecoder(DecodeOptions.DEFAULT, false));
        for (BufferRecord record : records) {
            RecordEvents ev = record.events();
            int n = ev.count();
            LogEvent[] events = new LogEvent[n];
            int[] starts = new int[n + 1];
            int[] lengths = new int[n];
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                LogEvent e = new LogEvent();
                decoder.decode(ev.array(), ev.start(i), ev.length(i), e);
                events[i] = e;
                starts[i] = ev.start(i);
                lengths[i] = ev.length(i);
                all[i] = i;
            }
            EventBatch eb = new EventBatch(events, n, ev.array(), starts, lengths, () -> buffer.ack(record.position()));
            out.add(new SinkSlice(eb, all));
        }
        return out;
    }

    @Override
    public boolean isEmpty() {
        return buffer.pendingRecords() == 0;
    }

    @Override
    public long bytes() {
        return buffer.usedBytes();
    }

    @Override
    public long maxBytes() {
        return buffer.maxBytes();
    }

    @Override
    public void close() throws IOException {
        buffer.close();
    }

    /** Nothing is given up: what was not delivered stays on disk for the next start. */
    @Override
    public List<SinkSlice> abandon() {
        return List.of();
    }

    @Override
    public long unacknowledgedRecords() {
        return buffer.pendingRecords();
    }

    @Override
    public boolean keepsUndelivered() {
        return true;
    }
}
