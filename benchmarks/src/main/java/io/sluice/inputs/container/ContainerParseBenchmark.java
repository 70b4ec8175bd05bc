package io.sluice.inputs.container;

import io.sluice.bench.Data;
import io.sluice.api.event.LogEvent;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.api.schema.Normalizer;
import io.sluice.core.pipeline.RecordProcessor;
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
 * Docker json-file and CRI parse on one batch of 512 S2-shaped records, with the decoders the
 * container input gives its workers (in this package because they are package-private). Reported
 * per record; parse only, except {@link #dockerDecodeNormalizeEncode}: the worker's whole path for S2.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ContainerParseBenchmark {
    private static final int BATCH = 512;
    private RawBatch docker;
    private RawBatch cri;
    private RecordDecoder dockerDecoder;
    private RecordDecoder criDecoder;
    private SourceSpec dockerSpec;
    private RecordProcessor processor;
    private final EventEncoder encoder = new EventEncoder();
    private final JsonBytes out = new JsonBytes(1 << 20);

    @Setup
    public void setup() {
        Random r = new Random(42);
        docker = new RawBatch(BATCH, 1 << 20);
        cri = new RawBatch(BATCH, 1 << 20);
        for (int i = 0; i < BATCH; i++) {
            byte[] d = Data.utf8(Data.dockerLine(i, r));
            docker.add(d, 0, d.length, 0, i);
            byte[] c = Data.utf8("2026-11-25T10:00:" + (10 + i % 50) + ".123456789Z " + (i % 20 == 0 ? "stderr" : "stdout")
                    + " F level=info service=checkout msg=\"order placed " + (1_000_000 + i) + "\" user_id=" + i);
            cri.add(c, 0, c.length, 0, i);
        }
        dockerDecoder = Format.DOCKER.decoder(DecodeOptions.DEFAULT).create();
        criDecoder = Format.CRI.decoder(DecodeOptions.DEFAULT).create();
        dockerSpec = SourceSpec.of("bench", "container", () -> dockerDecoder);
        processor = new RecordProcessor(new Normalizer(NormalizeSettings.defaults()));
    }

    /** S2's worker path: Docker json-file decode, normalize to schema v1, encode once. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void dockerDecodeNormalizeEncode(Blackhole bh) {
        out.reset();
        for (int i = 0; i < BATCH; i++) {
            encoder.encode(processor.process(docker, i, dockerSpec, dockerDecoder, i, 0, "pods"), out);
        }
        bh.consume(out.length());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void dockerJsonFile(Blackhole bh) {
        decodeAll(docker, dockerDecoder, bh);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void cri(Blackhole bh) {
        decodeAll(cri, criDecoder, bh);
    }

    private static void decodeAll(RawBatch batch, RecordDecoder decoder, Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            LogEvent e = new LogEvent();
            decoder.decode(batch.data(), batch.start(i), batch.length(i), e);
            bh.consume(e);
        }
    }
}
