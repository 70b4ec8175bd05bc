package io.sluice.bench;

import io.sluice.api.json.JsonBytes;
import io.sluice.core.pipeline.RecordProcessor;
import io.sluice.inputs.container.ContainerDecoders;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.api.schema.Normalizer;
import io.sluice.api.schema.RecordFormats;
import io.sluice.inputs.syslog.SyslogDecoder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * The worker's path (decode, normalize, encode) for S1, S2 and S3 records, timed in the thread's CPU time
 * rather than wall time: on a shared machine where other work steals the cores, JMH's wall-clock
 * scores swing by a factor of two while CPU time stays within a few percent, which is what a
 * before/after comparison of an optimization needs. Prints the median of 7 rounds in records per
 * CPU-second. {@code java -cp ... io.sluice.bench.CpuTimeCheck [S1] [S1L] [LOGFMT] [S2] [S3] [FRAME-S1] [FRAME-S3]
 * [FRAME-S1+CUT] [FRAME-S3+CUT]} (S1L: S1 with a long message; LOGFMT: S1's records as logfmt lines under
 * {@code format: logfmt}; FRAME-: the event loop's framing of S1 or S3
 * lines, {@link FramingBenchmark}'s setup; +CUT: and the worker's cutting of those lines, on the same thread)
 */
public final class CpuTimeCheck {
    private static final int BATCH = 512;
    private static final int BATCHES_PER_ROUND = 2000;

    private CpuTimeCheck() {}

    public static void main(String[] args) {
        RecordProcessor processor = new RecordProcessor(new Normalizer(NormalizeSettings.defaults()));
        java.util.List<String> which = args.length == 0 ? java.util.List.of("S1", "S2", "S3") : java.util.List.of(args);
        if (which.contains("S1")) measure("S1 JSON decode+normalize+encode", Data::jsonLine,
                SourceSpec.of("bench", "tcp", () -> new JsonRecordDecoder(DecodeOptions.DEFAULT, true)), processor);
        if (which.contains("S1L")) measure("S1L JSON, long message", Data::jsonLineLongMessage,
                SourceSpec.of("bench", "tcp", () -> new JsonRecordDecoder(DecodeOptions.DEFAULT, true)), processor);
        if (which.contains("LOGFMT")) measure("LOGFMT S1 as logfmt, format: logfmt", Data::logfmtLine,
                SourceSpec.of("bench", "tcp", RecordFormats.STANDARD.decoders("logfmt", DecodeOptions.DEFAULT)), processor);
        if (which.contains("S2")) measure("S2 Docker decode+normalize+encode", Data::dockerLine,
                SourceSpec.of("bench", "container", ContainerDecoders.docker()), processor);
        if (which.contains("S3")) measure("S3 syslog decode+normalize+encode", Data::syslogLine,
                SourceSpec.of("bench", "syslog", () -> new SyslogDecoder(DecodeOptions.DEFAULT,
                        SyslogDecoder.MessageParsing.AUTO, null)), processor);
        for (String scenario : java.util.List.of("S1", "S3")) {
            if (which.contains("FRAME-" + scenario)) measureFraming(scenario, "eventLoop");
            if (which.contains("FRAME-" + scenario + "+CUT")) measureFraming(scenario, "eventLoopAndWorker");
        }
    }

    private static void measureFraming(String scenario, String part) {
        FramingBenchmark framing = new FramingBenchmark();
        framing.lines = scenario;
        framing.buffers = "direct";
        framing.part = part;
        framing.setup();
        report("FRAME-" + scenario + (part.equals("eventLoop") ? " event loop" : "+CUT and worker's cut"), (long) FramingBenchmark.LINES * 250, () -> {
            for (int k = 0; k < 250; k++) framing.lineFramer();
        });
    }

    private static void measure(String name, BiFunction<Long, Random, String> lines, SourceSpec spec,
                                RecordProcessor processor) {
        Random r = new Random(42);
        RawBatch batch = new RawBatch(BATCH, 1 << 20);
        for (int i = 0; i < BATCH; i++) {
            byte[] b = Data.utf8(lines.apply((long) i, r));
            batch.add(b, 0, b.length, 0, i);
        }
        RecordDecoder decoder = spec.decoder().create();
        EventEncoder encoder = new EventEncoder();
        JsonBytes out = new JsonBytes(1 << 20);
        report(name, (long) BATCH * BATCHES_PER_ROUND, () -> {
            for (int k = 0; k < BATCHES_PER_ROUND; k++) {
                out.reset();
                // event.created as the daemon gives it: the batch's publication time, in milliseconds
                long created = System.currentTimeMillis() * 1_000_000L;
                for (int i = 0; i < BATCH; i++) {
                    encoder.encode(processor.process(batch, i, spec, decoder, i, created, "bench"), out);
                }
            }
        });
    }

    /**
     * Runs {@code round} 3 times to warm up, then 7 times timed; prints the median rate, and the page faults
     * the timed rounds took on this thread. A fault costs this machine's kind ~17 µs of the faulting
     * thread's CPU: a heap that grows into memory it never touched (G1's default sizing does, in any
     * round) put 40,000 faults into one round and doubled its time, which made the figures of one build
     * fall on two levels from JVM to JVM (docs/performance.md, "Session 11: two speeds from one build").
     * Start the JVM with a fixed, pre-touched heap ({@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch}).
     */
    private static void report(String name, long recordsPerRound, Runnable round) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] rates = new double[7];
        long faults = 0;
        for (int i = -3; i < rates.length; i++) {
            long f0 = ThreadFaults.minor();
            long t0 = mx.getCurrentThreadCpuTime();
            round.run();
            long cpu = mx.getCurrentThreadCpuTime() - t0;
            if (i >= 0) {
                rates[i] = (double) recordsPerRound / (cpu / 1e9);
                faults += ThreadFaults.minor() - f0;
            }
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%-36s %,12.0f records per CPU-second, %.0f ns each (min %,.0f, max %,.0f), %,d page faults%s%n",
                name, rates[rates.length / 2], 1e9 / rates[rates.length / 2], rates[0], rates[rates.length - 1],
                faults, faults > 1000 ? " (not comparable: start with a pre-touched heap)" : "");
    }
}
