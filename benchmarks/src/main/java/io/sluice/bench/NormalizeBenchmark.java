package io.sluice.bench;

import io.sluice.api.event.LogEvent;
import io.sluice.api.json.JsonBytes;
import io.sluice.core.pipeline.RecordProcessor;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.api.schema.Normalizer;
import io.sluice.api.schema.TextRecordDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Random;

/**
 * The worker's hot path on one batch of 512 S1 records: decode JSON, normalize to schema v1, encode
 * once. Reported per record (ops/s = records/s on one core).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class NormalizeBenchmark {
    private static final int BATCH = 512;
    private RawBatch jsonBatch;
    private RawBatch textBatch;
    private RecordProcessor processor;
    private SourceSpec jsonSpec;
    private SourceSpec textSpec;
    private RecordDecoder json;
    private RecordDecoder text;
    private final EventEncoder encoder = new EventEncoder();
    private final JsonBytes out = new JsonBytes(1 << 20);

    @Setup
    public void setup() {
        Random r = new Random(42);
        jsonBatch = new RawBatch(BATCH, 1 << 20);
        textBatch = new RawBatch(BATCH, 1 << 20);
        for (int i = 0; i < BATCH; i++) {
            byte[] b = Data.utf8(Data.jsonLine(i, r));
            jsonBatch.add(b, 0, b.length, 0, i);
            byte[] t = Data.utf8("2026-11-25 10:00:00,123 INFO [main] " + Data.jsonLine(i, r));
            textBatch.add(t, 0, t.length, 0, i);
        }
        processor = new RecordProcessor(new Normalizer(NormalizeSettings.defaults()));
        jsonSpec = SourceSpec.of("bench", "tcp", () -> new JsonRecordDecoder(DecodeOptions.DEFAULT, false));
        textSpec = SourceSpec.of("bench", "tcp", () -> new TextRecordDecoder(DecodeOptions.DEFAULT));
        json = jsonSpec.decoder().create();
        text = textSpec.decoder().create();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void jsonDecodeNormalizeEncode(Blackhole bh) {
        out.reset();
        for (int i = 0; i < BATCH; i++) {
            LogEvent e = processor.process(jsonBatch, i, jsonSpec, json, i, 0, "app");
            encoder.encode(e, out);
        }
        bh.consume(out.length());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void textDecodeNormalizeEncode(Blackhole bh) {
        out.reset();
        for (int i = 0; i < BATCH; i++) {
            LogEvent e = processor.process(textBatch, i, textSpec, text, i, 0, "app");
            encoder.encode(e, out);
        }
        bh.consume(out.length());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void encodeOnly(Blackhole bh) {
        out.reset();
        LogEvent e = processor.process(jsonBatch, 0, jsonSpec, json, 0, 0, "app");
        for (int i = 0; i < BATCH; i++) encoder.encode(e, out);
        bh.consume(out.length());
    }
}
