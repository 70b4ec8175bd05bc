package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.json.Utf8;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.Normalizer;

import java.nio.charset.StandardCharsets;

/**
 * Turns one raw record into a normalized event: source identity first, then UTF-8 repair, the
 * input's decoder, and the normalizer's fallbacks. One instance per worker thread.
 */
public final class RecordProcessor {
    private final Normalizer normalizer;
    private final JsonBytes repaired = new JsonBytes(1024);

    public RecordProcessor(Normalizer normalizer) {
        this.normalizer = normalizer;
    }

    public LogEvent process(RawBatch batch, int i, SourceSpec spec, RecordDecoder decoder,
                            long sequence, long createdNanos, String inputId) {
        LogEvent e = new LogEvent();
        e.createdNanos(createdNanos).sequence(sequence).inputType(spec.inputType()).inputId(inputId);
        if (spec.defaultService() != null) e.serviceName(spec.defaultService());
        if (spec.container() != null) {
            e.container(spec.container());
            String hint = spec.container().serviceNameHint();
            if (hint != null) e.serviceName(hint);
        }
        if (spec.filePath() != null) {
            e.filePath(spec.filePath());
            // log.offset is where the record starts; positions are where it ends (the resume point),
            // which is not start + length once a newline was stripped or partial lines were joined
            long start = batch.recordOffset(i);
            if (start >= 0) e.offset(start);
        }
        byte[] data = batch.data();
        int off = batch.start(i);
        int len = batch.length(i);
        if ((batch.flags(i) & RawBatch.TRUNCATED) != 0) e.addTag(Tags.TRUNCATED);
        if (!Utf8.isValid(data, off, len)) {
            repaired.reset();
            Utf8.repair(data, off, len, repaired);
            data = repaired.array();
            off = 0;
            len = repaired.length();
            e.addTag(Tags.INVALID_UTF8);
        }
        if (spec.keepOriginal()) e.original(new String(data, off, len, StandardCharsets.UTF_8));
        // the raw batch is not written after it was published and its events keep it alive (until every sink
        // is done with the batch), so message bytes the decoder keeps from it need no copy
        e.decodingFrom(batch.data());
        decoder.decode(data, off, len, e);
        e.decoded();
        normalizer.finish(e);
        return e;
    }

    /**
     * The event for a record whose decoder threw: the raw text as the message, dead-lettered with the
     * failure, so a decoder bug loses no record.
     */
    public LogEvent failed(RawBatch batch, int i, SourceSpec spec, long sequence, long createdNanos,
                           String inputId, RuntimeException failure) {
        return failed(batch, i, spec, sequence, createdNanos, inputId,
                new io.sluice.api.event.Rejection("decode", io.sluice.api.event.Rejection.PARSE_ERROR,
                        "decoder failed: " + failure));
    }

    /** The event for a record a stage failed on: the raw text as the message, refused with {@code why}. */
    public LogEvent failed(RawBatch batch, int i, SourceSpec spec, long sequence, long createdNanos,
                           String inputId, io.sluice.api.event.Rejection why) {
        LogEvent e = new LogEvent();
        e.createdNanos(createdNanos).sequence(sequence).inputType(spec.inputType()).inputId(inputId);
        repaired.reset();
        Utf8.repair(batch.data(), batch.start(i), batch.length(i), repaired);
        e.message(repaired.toString()).addTag(Tags.PARSE_FAILED);
        e.reject(why);
        normalizer.finish(e);
        return e;
    }
}
