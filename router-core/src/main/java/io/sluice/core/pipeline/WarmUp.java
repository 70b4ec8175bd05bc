package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;
import io.sluice.api.framing.LineDelimiters;
import io.sluice.api.framing.WholeLines;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.Normalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs records of the kind each input reads through the worker path (cut lines → decode → normalize →
 * encode) on a thread of its own while the daemon waits for its first records, so the JIT compiles that
 * path before real events need it. A cold JVM runs the first hundred thousand events of a run at half
 * speed or less while C1 and C2 compile (docs/performance.md, "Session 15: warm-up at start").
 *
 * <p>It never touches the pipeline's state: its events go to no sink, its decoders are its own and count
 * into meters nobody reads (the caller's choice), and it skips transforms (some keep state, e.g. throttle).
 * It stops at the first real batch, after its CPU budget, or when the pipeline closes: it only uses a core
 * that would be idle, and real traffic warms the JIT as well as it does.
 */
final class WarmUp implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** Records per warm-up batch: about what one read of a busy connection yields. */
    private static final int RECORDS_PER_BATCH = 256;

    private final List<WarmUpSource> sources;
    private final Supplier<Normalizer> normalizer;
    private final BooleanSupplier stop;
    private final long cpuBudgetNanos;

    WarmUp(List<WarmUpSource> sources, Supplier<Normalizer> normalizer, BooleanSupplier stop, long cpuBudgetNanos) {
        this.sources = sources;
        this.normalizer = normalizer;
        this.stop = stop;
        this.cpuBudgetNanos = cpuBudgetNanos;
    }

    @Override
    public void run() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        Block[] blocks = new Block[sources.size()];
        for (int i = 0; i < blocks.length; i++) blocks[i] = new Block(sources.get(i));
        EventEncoder encoder = new EventEncoder();
        JsonBytes out = new JsonBytes(512 * 1024);
        LogEvent[] batch = new LogEvent[RECORDS_PER_BATCH];
        String why = "its CPU budget was spent";
        long n = 0;
        Normalizer current = null;
        RecordProcessor processor = null;
        try {
            while (true) {
                if (stop.getAsBoolean()) {
                    why = "events arrived, or the pipeline closed";
                    break;
                }
                if (threads.getCurrentThreadCpuTime() - cpu0 >= cpuBudgetNanos) break;
                if (normalizer.get() != current) { // as a worker does: a reload may replace the normalizer
                    current = normalizer.get();
                    processor = new RecordProcessor(current);
                }
                for (Block b : blocks) n += b.run(processor, encoder, out, batch, n);
            }
        } catch (RuntimeException | Error e) {
            // a decoder that fails on its own samples fails on real records too, where it is counted; the
            // warm-up is only an optimisation and must never take the daemon down
            why = "it failed: " + e;
        }
        LOG.info("JIT warm-up ran {} events in {} ms ({} ms CPU) and stopped: {}", n,
                (System.nanoTime() - wall0) / 1_000_000, (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000, why);
    }

    /** One input's records as a block of whole lines, cut the way a connection's reader leaves them. */
    private static final class Block {
        private final WarmUpSource source;
        private final RecordDecoder decoder;
        private final byte[] lines;
        private final WholeLines rule;

        Block(WarmUpSource source) {
            this.source = source;
            this.decoder = source.spec().decoder().create();
            this.lines = source.newlineJoined(RECORDS_PER_BATCH);
            this.rule = new WholeLines(Math.max(1, lines.length), LineDelimiters.NEWLINE, () -> { }, () -> { });
        }

        /**
         * The launcher keeps this method out of the JIT ({@code -XX:CompileCommand=exclude}, bin/sluice): C2
         * would inline the whole record path into it, a compile no worker uses, made as real records arrive
         * (docs/performance.md, "Session 18"). Interpreted, it gets that path compiled as the workers call it.
         */
        int run(RecordProcessor processor, EventEncoder encoder, JsonBytes out, LogEvent[] events, long sequence) {
            RawBatch raw = new RawBatch(RECORDS_PER_BATCH, lines.length + 1);
            int slot = raw.reserveLines(lines.length, rule);
            System.arraycopy(lines, 0, raw.data(), slot, lines.length);
            raw.cutLines();
            int records = Math.min(raw.size(), events.length);
            long created = System.nanoTime();
            try {
                for (int i = 0; i < records; i++) {
                    events[i] = processor.process(raw, i, source.spec(), decoder, sequence + i, created, "warm-up");
                }
            } finally {
                decoder.batchDone();
            }
            out.reset();
            for (int i = 0; i < records; i++) encoder.encode(events[i], out);
            return records;
        }
    }
}
