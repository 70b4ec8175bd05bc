package io.sluice.bench;

import io.sluice.api.event.LogEvent;
import io.sluice.api.json.JsonBytes;
import io.sluice.core.pipeline.RecordProcessor;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.api.schema.Normalizer;
import io.sluice.inputs.syslog.SyslogDecoder;
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
 * Syslog parse on one batch of 512 S3 records (RFC 5424 with structured data): the decoder alone,
 * and the worker's whole path (decode, normalize, encode). Reported per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SyslogBenchmark {
    private static final int BATCH = 512;
    private RawBatch batch;
    private SyslogDecoder decoder;
    private SourceSpec spec;
    private RecordProcessor processor;
    private final EventEncoder encoder = new EventEncoder();
    private final JsonBytes out = new JsonBytes(1 << 20);

    @Setup
    public void setup() {
        Random r = new Random(42);
        batch = new RawBatch(BATCH, 1 << 20);
        for (int i = 0; i < BATCH; i++) {
            byte[] b = Data.utf8(Data.syslogLine(i, r));
            batch.add(b, 0, b.length, 0, i);
        }
        decoder = new SyslogDecoder(DecodeOptions.DEFAULT, SyslogDecoder.MessageParsing.AUTO, null);
        spec = SourceSpec.of("bench", "syslog", () -> decoder);
        processor = new RecordProcessor(new Normalizer(NormalizeSettings.defaults()));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodeOnly(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            LogEvent e = new LogEvent();
            decoder.decode(batch.data(), batch.start(i), batch.length(i), e);
            bh.consume(e);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodeNormalizeEncode(Blackhole bh) {
        out.reset();
        for (int i = 0; i < BATCH; i++) {
            encoder.encode(processor.process(batch, i, spec, decoder, i, 0, "sys"), out);
        }
        bh.consume(out.length());
    }
}
