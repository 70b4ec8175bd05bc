package io.sluice.inputs.stdin;

import io.micrometer.core.instrument.Counter;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.RecordFormats;
import io.sluice.inputs.multiline.LineEnvelope;
import io.sluice.inputs.multiline.MultilineJoiner;
import io.sluice.inputs.multiline.MultilineSettings;
import io.sluice.inputs.multiline.StackTraces;
import io.sluice.api.framing.LineFramer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads lines from standard input ({@code type: stdin}), for {@code app | sluice run} wrappers and
 * sidecars. Same framing and limits as the file tail: newline framing, lines longer than the limit
 * cut and tagged {@code truncated}, empty lines skipped and counted.
 *
 * <p><b>End of input:</b> at EOF the input publishes what it holds (a last line without newline
 * too), closes its source and finishes on its own: {@link #awaitStop} then returns {@code true}
 * without {@link #stop} having been called, and {@link #finished()} turns true. The daemon uses
 * this to drain the pipeline and exit 0 when every input has finished.
 */
public final class StdinInput implements Input {
    private static final Logger LOG = LoggerFactory.getLogger(StdinInput.class);

    private final String id;
    private final int maxLineBytes;
    private final String format;
    private final Supplier<InputStream> opener;
    private volatile InputStream in;
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread thread;
    private volatile boolean stopping;
    private MultilineSettings multiline;
    /** The zone of times without an offset, or null for the pipeline's (UTC). */
    private String timezone;

    /** Tests pass the stream to read; the plugin passes {@link #processStdin}, opened at start. */
    StdinInput(String id, int maxLineBytes, String format, InputStream in) {
        this(id, maxLineBytes, format, () -> in);
    }

    StdinInput(String id, int maxLineBytes, String format, Supplier<InputStream> opener) {
        this.id = id;
        this.maxLineBytes = maxLineBytes;
        this.format = format;
        this.opener = opener;
    }

    /** Joins continuation lines per {@code multiline} (null: every line is a record). */
    StdinInput joining(MultilineSettings multiline) {
        this.multiline = multiline;
        return this;
    }

    /** Reads times written without an offset in {@code zone} (null: the pipeline's, UTC). */
    StdinInput readingTimesIn(String zone) {
        this.timezone = zone;
        return this;
    }

    private RecordDecoder.Factory decoders(InputContext context) {
        RecordDecoder.Factory d = RecordFormats.STANDARD.decoders(format, context.decodeOptions().inZone(timezone));
        return multiline == null ? d : StackTraces.after(d);
    }

    /** Reads the process's standard input through an interruptible channel, so {@link #stop} unblocks it. */
    static InputStream processStdin() {
        return Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel());
    }

    @Override
    public void start(InputContext context) {
        in = opener.get();
        Source source = context.openSource(
                SourceSpec.of("stdin", "stdin", decoders(context)));
        Counter empty = context.meters().counter("sluice.input.lines.empty", "input", id);
        thread = new Thread(() -> run(source, empty), "sluice-stdin-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public java.util.List<byte[]> warmUpRecords() {
        return io.sluice.api.warmup.SampleRecords.forFormat(format);
    }

    @Override
    public SourceSpec fixtureSource(InputContext context) {
        return SourceSpec.of("stdin fixture", "stdin", decoders(context));
    }

    /** True once standard input reached its end (or the input was stopped) and everything read was published. */
    public boolean finished() {
        return done.getCount() == 0;
    }

    @Override
    public void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) t.interrupt();
        try {
            InputStream stream = in;
            if (stream != null) stream.close();
        } catch (IOException e) {
            // closing only to unblock the reader
        }
    }

    /** Returns true once the reader has finished: after {@link #stop}, or by itself at end of input. */
    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        if (thread == null) return true;
        return done.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void run(Source source, Counter empty) {
        Publisher out = new Publisher(source);
        LineFramer framer = LineFramer.forFile(maxLineBytes);
        MultilineJoiner joiner = multiline == null ? null : multiline.joiner(
                (b, off, len, flags, recordOffset, position) -> out.add(b, off, len, flags, position, recordOffset),
                LineEnvelope.PLAIN);
        LineFramer.LineSink sink = (b, off, len, truncated, start, end) -> {
            if (len == 0) {
                empty.increment();
                return;
            }
            int flags = truncated ? RawBatch.TRUNCATED : 0;
            if (joiner != null) {
                joiner.record(b, off, len, flags, start, end);
            } else {
                out.add(b, off, len, flags, end, start);
            }
        };
        ScheduledExecutorService timer = joiner == null ? null : flushTimer(joiner, out);
        byte[] buf = new byte[64 * 1024];
        try {
            int n;
            while (!stopping && (n = in.read(buf)) >= 0) {
                synchronized (out) {
                    framer.feed(buf, 0, n, sink);
                    // publish what each read brought, so lines written slowly go out at once; available()
                    // cannot tell more is coming (on a pipe behind a FileChannel it fails with "Illegal seek")
                    out.publish();
                }
            }
            synchronized (out) {
                framer.flush(sink);
                if (joiner != null) joiner.flush(Long.MAX_VALUE);
                out.publish();
            }
        } catch (IOException e) {
            if (!stopping) LOG.warn("stdin input {}: read failed: {}", id, e.toString());
        } catch (InterruptedException e) {
            // stopping
        } finally {
            if (timer != null) timer.shutdownNow();
            source.close();
            done.countDown();
        }
    }

    /**
     * Sends a joined event that waited the flush timeout for its next line: the reader thread is
     * blocked in {@code read} then, so a timer thread does it, under the publisher's lock.
     */
    private ScheduledExecutorService flushTimer(MultilineJoiner joiner, Publisher out) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-stdin-multiline-" + id);
            t.setDaemon(true);
            return t;
        });
        long timeout = multiline.flushTimeout().toNanos();
        long period = Math.max(1_000_000L, timeout / 4);
        timer.scheduleWithFixedDelay(() -> {
            synchronized (out) {
                if (!joiner.hasPending()) return;
                joiner.flush(System.nanoTime() - timeout);
                try {
                    out.publish();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, period, period, TimeUnit.NANOSECONDS);
        return timer;
    }

    /** Fills batches and publishes them, waiting for capacity when the pipeline pushes back. */
    private static final class Publisher {
        private final Source source;
        private RawBatch batch;
        private boolean interrupted;

        Publisher(Source source) {
            this.source = source;
            this.batch = source.newBatch();
        }

        void add(byte[] b, int off, int len, int flags, long position, long recordOffset) {
            batch.add(b, off, len, flags, position, recordOffset);
            if (batch.isFull()) {
                try {
                    publish();
                } catch (InterruptedException e) {
                    interrupted = true;
                    Thread.currentThread().interrupt();
                }
            }
        }

        void publish() throws InterruptedException {
            if (interrupted) throw new InterruptedException();
            if (batch.isEmpty()) return;
            RawBatch full = batch;
            batch = source.newBatch();
            if (!source.publish(full)) source.awaitCapacity();
        }
    }
}
