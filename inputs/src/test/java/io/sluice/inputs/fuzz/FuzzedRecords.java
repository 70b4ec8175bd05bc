package io.sluice.inputs.fuzz;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.api.schema.Normalizer;
import io.sluice.core.pipeline.RecordProcessor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every fuzz property feeds and checks. Records are arbitrary bytes, arbitrary text, and
 * well-formed samples of the format with a slice replaced by arbitrary bytes (the inputs that reach
 * deep into a parser). A record goes through what a worker runs (UTF-8 repair, the decoder, the
 * normalizer, the encoder): it must come out as an event, never as an exception, and its JSON must
 * stay within a bound of the record's size (escaping at most sextuples a byte).
 */
public final class FuzzedRecords {
    private FuzzedRecords() {}

    /** Fixed overhead of an encoded event: timestamps, ids, tags, field names. */
    private static final int ENVELOPE = 16 * 1024;

    public static Arbitrary<byte[]> records(List<String> samples) {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(512).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> mutated = Arbitraries.of(samples).flatMap(sample -> {
            byte[] good = sample.getBytes(StandardCharsets.UTF_8);
            return Arbitraries.integers().between(0, good.length).flatMap(from ->
                    Arbitraries.integers().between(from, good.length).flatMap(to ->
                            Arbitraries.bytes().array(byte[].class).ofMaxSize(32).map(junk -> splice(good, from, to, junk))));
        });
        Arbitrary<byte[]> truncated = Arbitraries.of(samples).flatMap(sample -> {
            byte[] good = sample.getBytes(StandardCharsets.UTF_8);
            return Arbitraries.integers().between(0, good.length).map(n -> java.util.Arrays.copyOf(good, n));
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, bytes), net.jqwik.api.Tuple.of(2, text),
                net.jqwik.api.Tuple.of(4, mutated), net.jqwik.api.Tuple.of(1, truncated));
    }

    private static byte[] splice(byte[] good, int from, int to, byte[] junk) {
        byte[] out = new byte[from + junk.length + good.length - to];
        System.arraycopy(good, 0, out, 0, from);
        System.arraycopy(junk, 0, out, from, junk.length);
        System.arraycopy(good, to, out, from + junk.length, good.length - to);
        return out;
    }

    /** Decodes, normalizes and encodes one record as a worker does; fails on an exception or an unbounded event. */
    public static LogEvent decode(String inputType, RecordDecoder.Factory decoders, byte[] record) {
        RawBatch batch = new RawBatch(1, Math.max(1, record.length));
        batch.add(record, 0, record.length, 0, record.length);
        SourceSpec spec = SourceSpec.of("fuzz", inputType, decoders);
        LogEvent event = new RecordProcessor(new Normalizer(NormalizeSettings.defaults()))
                .process(batch, 0, spec, decoders.create(), 0, System.currentTimeMillis() * 1_000_000L, "fuzz");
        byte[] json = new EventEncoder().encode(event);
        assertThat(json.length).as("encoded event of a %d-byte record", record.length)
                .isLessThanOrEqualTo(6 * record.length + ENVELOPE);
        return event;
    }
}
